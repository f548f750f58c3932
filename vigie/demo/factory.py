"""Synthetic texts in the JORFSIMPLE layout, for tests and benchmarks.

Real DILA element order and names, invented content: sizes and shapes are meant to look
like a day of the Journal officiel (a few articles, a notice now and then, tables).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr


@dataclass(frozen=True)
class FakeText:
    uid: str  # JORFTEXT…
    title: str
    nature: str = "ARRETE"
    nor: str = "INTB2600001A"
    date_publi: str = "2026-10-14"
    date_texte: str = "2026-10-12"
    jo_number: str = "0241"
    jo_id: str = "JORFCONT000099000001"
    ministry: str = "Ministère de l'intérieur"
    articles: tuple[str, ...] = ("Le présent arrêté sera publié au Journal officiel.",)  # ≤ 9
    notice: str = ""
    number: str = ""
    signatories: tuple[str, ...] = field(default=("Fait le 12 octobre 2026.", "Jeanne DUPONT"))


def _paragraphs(text: str) -> str:
    return "".join(f"<p>{escape(line)}</p>" for line in text.split("\n"))


def texte_xml(t: FakeText) -> bytes:
    """A JORFSIMPLE ``TEXTE`` document for ``t``."""
    articles = "".join(
        f"<ARTICLE><ID>JORFARTI{int(t.uid[8:]) * 10 + i:012d}</ID><ID_ELI/><ANCIEN_ID/>"
        f"<NUM>{i}</NUM><MCS_ART/><DATE_DEBUT>2999-01-01</DATE_DEBUT>"
        f"<DATE_FIN>2999-01-01</DATE_FIN><SM><CONTENU/></SM><BLOC_TEXTUEL><CONTENU>"
        f"{_paragraphs(body)}</CONTENU></BLOC_TEXTUEL><LIENS/></ARTICLE>"
        for i, body in enumerate(t.articles, start=1)
    )
    signatures = "".join(f'<div align="left"><p>{escape(s)}</p></div>' for s in t.signatories)
    # The notice is light HTML already (lines separated by <br/>), as DILA writes it.
    notice = f"<CONTENU><p>{t.notice}</p></CONTENU>" if t.notice else "<CONTENU/>"
    eli = f"https://www.legifrance.gouv.fr/eli/{t.nature.lower()}/2026/10/12/{t.nor}/jo/texte"
    short = t.title.split(" portant ")[0].split(" relatif")[0]
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<TEXTE>'
        f"<ID>{t.uid}</ID><ID_ELI>{eli}</ID_ELI><ANCIEN_ID/><ORIGINE>JORF</ORIGINE>"
        f"<NATURE>{t.nature}</NATURE><NUM>{escape(t.number)}</NUM>"
        f"<NUM_PARUTION>{t.jo_number}</NUM_PARUTION><NUM_SEQUENCE>1</NUM_SEQUENCE>"
        f"<NOR>{t.nor}</NOR><DATE_PUBLI>{t.date_publi}</DATE_PUBLI>"
        f"<DATE_TEXTE>{t.date_texte}</DATE_TEXTE>"
        f"<ORIGINE_PUBLI id={quoteattr(t.jo_id)}>JORF n°{t.jo_number}</ORIGINE_PUBLI>"
        f"<PAGE_DEB_PUBLI/><PAGE_FIN_PUBLI/><TITRE>{escape(short)}</TITRE>"
        f"<TITREFULL>{escape(t.title)}</TITREFULL><AUTORITE/>"
        f"<MINISTERE>{escape(t.ministry)}</MINISTERE><MCS_TEXT/><LIENS/>"
        f"<NOTICE>{notice}</NOTICE><VISAS><CONTENU><p>Le ministre,<br/>Vu le code général "
        "des collectivités territoriales ;<br/>Arrête :</p></CONTENU></VISAS>"
        "<ABRO><CONTENU/></ABRO><RECT><CONTENU/></RECT><SM><CONTENU/></SM><TP><CONTENU/></TP>"
        f"<STRUCT>{articles}<SIGNATAIRES><CONTENU>{signatures}</CONTENU></SIGNATAIRES></STRUCT>"
        '<ENTREPRISE texte_entreprise="non"><DATES_EFFET/><DOMAINES/></ENTREPRISE></TEXTE>\n'
    ).encode()


WORDS = (
    "commune", "collectivité", "conseil", "municipal", "arrêté", "préfet", "département",
    "dotation", "budget", "urbanisme", "permis", "construire", "logement", "social", "eau",
    "assainissement", "déchets", "école", "agent", "territorial", "fonction", "publique",
    "élection", "liste", "électorale", "état", "civil", "voirie", "police", "maire",
    "intercommunalité", "établissement", "public", "délai", "vigueur", "publication",
    "article", "code",
)


def random_text(rng: random.Random, index: int, *, day: str = "2026-10-14") -> FakeText:
    """A plausible text of about 2 to 8 KB, like most texts of the Journal officiel."""
    articles = []
    for _ in range(rng.randint(2, 6)):
        words = rng.choices(WORDS, k=rng.randint(40, 160))
        articles.append(" ".join(words).capitalize() + ".")
    if rng.random() < 0.1:  # an annex table now and then
        rows = "\n".join(f"Cher | Commune {n} | Inondations | du 1er au 3 mai 2026"
                         for n in range(rng.randint(5, 40)))
        articles.append(rows)
    return FakeText(
        uid=f"JORFTEXT{990_000_000 + index:012d}",
        title=f"Arrêté du 12 octobre 2026 portant mesure n° {index} relative aux "
        + " ".join(rng.choices(WORDS, k=8)),
        nor=f"INTB26{index % 100000:05d}A",
        date_publi=day,
        articles=tuple(articles),
        notice="Publics concernés : communes.<br/>Objet : mesure." if rng.random() < 0.2 else "",
    )
