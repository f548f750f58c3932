"""Decisions of the Conseil constitutionnel as the Journal officiel publishes them, written for
the tests (no real decision: invented laws, numbers, names and paragraphs), in the Conseil's
own shape since 2016: the saisine (« LE CONSEIL CONSTITUTIONNEL A ÉTÉ SAISI … »), the texts it
saw (« Au vu des textes suivants : »), its grounds (« S'EST FONDÉ SUR CE QUI SUIT : », numbered
paragraphs), then « LE CONSEIL CONSTITUTIONNEL DÉCIDE : » and its articles, and the séance.

``DC_TEXT`` is a law before promulgation (censure of articles and of words, a reservation,
conformity of the rest), its articles as the JO's flow numbers them (« Article 1 » headings, the
way ``Item.from_parsed`` joins them); ``QPC_TEXT`` is a provision in force whose abrogation is
put off, its articles written inline in the older way (« Article 1er. - … »).
"""

from __future__ import annotations

DC_TITLE = "Décision n° 2026-910 DC du 14 août 2026"
DC_LAW = "loi pour une montagne vivante et souveraine"
DC_TEXT = """\
LE CONSEIL CONSTITUTIONNEL A ÉTÉ SAISI, dans les conditions prévues au deuxième alinéa de \
l'article 61 de la Constitution, de la loi pour une montagne vivante et souveraine, sous le \
n° 2026-910 DC, le 20 juillet 2026, par Mme Anne ARNAUD, MM. Bruno BERTIN, Claude CAILLAUD, \
Mme Denise DUVAL et M. Étienne ESNAULT, députés.
Au vu des textes suivants :
- la Constitution ;
- l'ordonnance n° 58-1067 du 7 novembre 1958 portant loi organique sur le Conseil \
constitutionnel ;
- le code général des collectivités territoriales ;
Au vu des observations du Gouvernement, enregistrées le 4 août 2026 ;
Et après avoir entendu le rapporteur ;
LE CONSEIL CONSTITUTIONNEL S'EST FONDÉ SUR CE QUI SUIT :
1. Les députés requérants défèrent au Conseil constitutionnel la loi pour une montagne vivante \
et souveraine. Ils contestent la place dans cette loi de ses articles 12 et 27, ainsi que \
certaines dispositions de ses articles 8 et 15.
2. Les requérants soutiennent que ces dispositions méconnaîtraient le principe de libre \
administration des collectivités territoriales.
34. Toutefois, ces dispositions ne sauraient, sans méconnaître le principe de libre \
administration des collectivités territoriales, être interprétées comme permettant au \
représentant de l'État de se substituer au maire hors le cas d'une carence.
LE CONSEIL CONSTITUTIONNEL DÉCIDE :
Article 1
Sont contraires à la Constitution les dispositions suivantes de la loi pour une montagne \
vivante et souveraine :
- l'article 12 ;
- l'article 27 ;
- les mots « et des communes classées stations de tourisme » figurant au deuxième alinéa de \
l'article 15.
Article 2
Sous la réserve énoncée au paragraphe 34, le paragraphe II de l'article 8 de la loi déférée \
est conforme à la Constitution.
Article 3
Les dispositions suivantes sont conformes à la Constitution :
- le reste de l'article 15 de la loi déférée ;
- l'article 21 de la même loi.
Article 4
Cette décision sera publiée au Journal officiel de la République française.
Jugé par le Conseil constitutionnel dans sa séance du 14 août 2026, où siégeaient : M. Fabien \
FAURE, Président, Mme Gaëlle GIRARD, MM. Hugo HAMON et Ivan IMBERT.
Rendu public le 14 août 2026.
"""

QPC_TITLE = "Décision n° 2026-1121 QPC du 9 octobre 2026"
QPC_TEXT = """\
LE CONSEIL CONSTITUTIONNEL A ÉTÉ SAISI le 10 juillet 2026 par le Conseil d'État (décision \
n° 498765 du 9 juillet 2026), dans les conditions prévues à l'article 61-1 de la Constitution, \
d'une question prioritaire de constitutionnalité. Cette question a été posée pour la commune de \
Saint-Amand par Me Jeanne JOLY, avocate au barreau de Bourges. Elle a été enregistrée au \
secrétariat général du Conseil constitutionnel sous le n° 2026-1121 QPC. Elle est relative à la \
conformité aux droits et libertés que la Constitution garantit du deuxième alinéa de l'article \
L. 2123-1 du code général des collectivités territoriales, dans sa rédaction résultant de la loi \
n° 2019-1461 du 27 décembre 2019 relative à l'engagement dans la vie locale et à la proximité \
de l'action publique.
Au vu des textes suivants :
- la Constitution ;
- l'ordonnance n° 58-1067 du 7 novembre 1958 portant loi organique sur le Conseil \
constitutionnel ;
Et après avoir entendu le rapporteur ;
LE CONSEIL CONSTITUTIONNEL S'EST FONDÉ SUR CE QUI SUIT :
1. La commune requérante reproche à ces dispositions de ne pas prévoir de compensation des \
absences des élus municipaux par l'État.
12. Il résulte de ce qui précède que le deuxième alinéa de l'article L. 2123-1 du code général \
des collectivités territoriales doit être déclaré contraire à la Constitution.
- Sur les effets de la déclaration d'inconstitutionnalité :
14. En l'espèce, l'abrogation immédiate des dispositions déclarées contraires à la Constitution \
entraînerait des conséquences manifestement excessives. Par suite, il y a lieu de reporter au \
1er juillet 2027 la date de l'abrogation de ces dispositions.
LE CONSEIL CONSTITUTIONNEL DÉCIDE :
Article 1er. - Le deuxième alinéa de l'article L. 2123-1 du code général des collectivités \
territoriales, dans sa rédaction résultant de la loi n° 2019-1461 du 27 décembre 2019 relative \
à l'engagement dans la vie locale et à la proximité de l'action publique, est contraire à la \
Constitution.
Article 2. - La déclaration d'inconstitutionnalité de l'article 1er prend effet dans les \
conditions fixées au paragraphe 14 de cette décision.
Article 3. - Cette décision sera publiée au Journal officiel de la République française et \
notifiée dans les conditions prévues à l'article 23-11 de l'ordonnance du 7 novembre 1958 \
susvisée.
Jugé par le Conseil constitutionnel dans sa séance du 8 octobre 2026, où siégeaient : M. Fabien \
FAURE, Président, Mme Gaëlle GIRARD, MM. Hugo HAMON et Ivan IMBERT.
Rendu public le 9 octobre 2026.
"""

QPC_UID = "JORFTEXT000099300121"
QPC_DAY = "2026-10-10"


def qpc_xml() -> bytes:
    """``QPC_TEXT`` as the DILA's JORFSIMPLE flow delivers a decision: the saisine and the
    grounds up to « DÉCIDE : » in the visas, a JO article a holding, the séance signed."""
    from xml.sax.saxutils import escape

    head, _, rest = QPC_TEXT.partition("LE CONSEIL CONSTITUTIONNEL DÉCIDE :\n")
    ruling, _, sitting = rest.partition("Jugé par")
    visas = "".join(f"<p>{escape(line)}</p>" for line in head.splitlines())
    visas += "<p>LE CONSEIL CONSTITUTIONNEL DÉCIDE :</p>"
    holdings = [line.split(". - ", 1) for line in ruling.splitlines() if line]
    articles = "".join(
        f"<ARTICLE><ID>JORFARTI0000993001{n:02d}</ID><NUM>{num.removeprefix('Article ')}</NUM>"
        f"<BLOC_TEXTUEL><CONTENU><p>{escape(text)}</p></CONTENU></BLOC_TEXTUEL></ARTICLE>"
        for n, (num, text) in enumerate(holdings, start=1))
    signatures = "".join(f"<p>{escape(line)}</p>" for line in f"Jugé par{sitting}".splitlines())
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEXTE>
<ID>{QPC_UID}</ID>
<ID_ELI>https://www.legifrance.gouv.fr/eli/decision/2026/10/9/2026-1121QPC/jo/texte</ID_ELI>
<ORIGINE>JORF</ORIGINE>
<NATURE>DECISION</NATURE>
<NUM>2026-1121QPC</NUM>
<NUM_PARUTION>0236</NUM_PARUTION>
<NUM_SEQUENCE>61</NUM_SEQUENCE>
<NOR>CSCX2628512S</NOR>
<DATE_PUBLI>{QPC_DAY}</DATE_PUBLI>
<DATE_TEXTE>2026-10-09</DATE_TEXTE>
<ORIGINE_PUBLI id="JORFCONT000099300001">JORF n°0236 du 10 octobre 2026</ORIGINE_PUBLI>
<TITRE>{QPC_TITLE}</TITRE>
<TITREFULL>{QPC_TITLE}</TITREFULL>
<MINISTERE>Conseil constitutionnel</MINISTERE>
<NOTICE><CONTENU/></NOTICE>
<VISAS><CONTENU>{visas}</CONTENU></VISAS>
<STRUCT>{articles}</STRUCT>
<SIGNATAIRES><CONTENU>{signatures}</CONTENU></SIGNATAIRES>
</TEXTE>
""".encode()
