--
-- PostgreSQL database dump (échantillon de démonstration, fictif)
--

SET client_encoding = 'UTF8';

COPY public.tam_reponses (idque, datejorep, txtrep, delaijoursrep, minrepid, minreplib, pagejorep, urlrep, errpage, errdate, idrepunique, txterrrep) FROM stdin;
990211	2026-10-14 00:00:00	<p>L'article L. 2223-17 du code général des collectivités territoriales permet au maire de reprendre une concession en état d'abandon lorsqu'elle a plus de trente ans d'existence et que la dernière inhumation remonte à plus de dix ans.</p>\n<p>La procédure dure au moins trois ans : le maire dresse un premier procès-verbal, puis un second trois ans plus tard, et le conseil municipal décide ensuite de la reprise.</p>\n<p>Les restes exhumés sont déposés dans l'ossuaire communal.</p>	142	173	Ministère chargé des collectivités territoriales et de la décentralisation	5212	\N	\N	\N	\N	\N
\.

COPY public.tam_questions (id, sorquecod, matricule, natquecod, legislature, etaquecod, numero, reference, titre, datecloture, nom, prenom, codequalite, circonscription, groupe, rubrique, datejodepot, pagejodepot, mindepotlib, datejotran, mintranlib, minreplib1, datejorep1, txtque, themes, dateerr, pageerr, txterrque) FROM stdin;
990211	1	99211A	QE	17	1	09921	SEQ260509921	Reprise des concessions funéraires à Vierzon	2026-10-14 00:00:00	Démo	Jeanne	Mme	Cher	Groupe de démonstration	cimetières	2026-05-21 00:00:00	2480	Ministère de l'intérieur	2026-06-04 00:00:00	Ministère chargé des collectivités territoriales et de la décentralisation	Ministère chargé des collectivités territoriales et de la décentralisation	2026-10-14 00:00:00	Mme Jeanne Démo attire l'attention de Mme la ministre chargée des collectivités territoriales sur la gestion du cimetière de la commune de Vierzon, dont de nombreuses concessions sont à l'abandon.\nElle lui demande de préciser la procédure que le maire doit suivre pour reprendre ces concessions.	Collectivités territoriales, Cimetières	\N	\N	\N
990212	2	99212B	QE	17	1	09922	SEQ260909922	Éclairage public et économies d'énergie	\N	Exemple	Louis	M.	Indre	Groupe de démonstration	collectivités territoriales	2026-09-17 00:00:00	4390	Ministère de la transition énergétique	\N	\N	\N	\N	M. Louis Exemple attire l'attention de Mme la ministre de la transition énergétique sur l'extinction nocturne de l'éclairage public.\nIl lui demande si le maire peut éteindre l'éclairage public la nuit sans délibération du conseil municipal.	Collectivités territoriales, Énergie	\N	\N	\N
\.

--
-- PostgreSQL database dump complete
--
