"""Assembly of a :class:`ParsedText` and its parts, common to both Journal officiel flows.

The two flows carry the same metadata under different wrappers (flat children of ``TEXTE`` in
JORFSIMPLE, ``META/META_COMMUN`` + ``META_TEXTE_CHRONICLE`` + ``META_TEXTE_VERSION`` in the global
``TEXTE_VERSION``). Each flow's module gathers them into one tag → element map; this module owns
what is read from that map: identity and dates, notice (from ``NOTICE`` or the top of ``VISAS``),
visas, signatories, cited texts (``LIENS/LIEN``), keywords (``MCS_TXT``/``MCS_TEXT``), and the
reading of one article body.
"""

from __future__ import annotations

from lxml import etree

from vigie.parsing.html import contenu_text, render_contenu
from vigie.parsing.model import CitedText, Notice, ParsedArticle, ParsedText
from vigie.parsing.notice import parse_notice, split_visas_notice
from vigie.parsing.records import new_article, new_cited_text, new_notice, new_text
from vigie.parsing.xmltools import clean, require_id, text_of, to_date, to_int

Fields = dict[str, etree._Element]


def build_text(
    name: str,
    flow: str,
    fields: Fields,
    articles: tuple[ParsedArticle, ...] = (),
    signataires: etree._Element | None = None,
) -> ParsedText:
    """Build the text record from the merged metadata and body elements in ``fields``."""
    text_id = require_id(name, text_of(fields, "ID"), "le texte")
    notice, visas = notice_and_visas(fields.get("NOTICE"), fields.get("VISAS"))
    origine = fields.get("ORIGINE_PUBLI")
    return new_text(
        id=text_id,
        flow=flow,
        nature=text_of(fields, "NATURE"),
        nor=text_of(fields, "NOR"),
        eli=text_of(fields, "ID_ELI"),
        number=text_of(fields, "NUM"),
        title=text_of(fields, "TITREFULL") or text_of(fields, "TITRE"),
        short_title=text_of(fields, "TITRE"),
        ministry=text_of(fields, "MINISTERE"),
        date_text=to_date(text_of(fields, "DATE_TEXTE")),
        date_publi=to_date(text_of(fields, "DATE_PUBLI")),
        jo_number=text_of(fields, "NUM_PARUTION"),
        jo_id=clean(origine.get("id")) if origine is not None else "",
        origine_publi=text_of(fields, "ORIGINE_PUBLI"),
        page=text_of(fields, "PAGE_DEB_PUBLI"),
        sequence=to_int(text_of(fields, "NUM_SEQUENCE")),
        notice=notice,
        visas=visas,
        articles=articles,
        signatories=signatories(signataires if signataires is not None
                                else fields.get("SIGNATAIRES")),
        cited=cited_texts(fields.get("LIENS")),
        keywords=keywords(fields.get("MCS_TXT", fields.get("MCS_TEXT"))),
    )


def notice_and_visas(
    notice_el: etree._Element | None, visas_el: etree._Element | None
) -> tuple[Notice, str]:
    """The notice (from ``NOTICE``, else from the top of ``VISAS``) and the visas plain text."""
    visas = contenu_text(_contenu(visas_el))
    notice_text = contenu_text(_contenu(notice_el))
    if notice_text:
        return parse_notice(notice_text, origin="notice"), visas
    if visas:
        return split_visas_notice(visas)
    return new_notice(), visas


def signatories(signataires: etree._Element | None) -> tuple[str, ...]:
    """One string per line (``<p>``) of ``SIGNATAIRES/CONTENU``, in order, « Fait le » included."""
    text = contenu_text(_contenu(signataires))
    return tuple(text.split("\n")) if text else ()


def cited_texts(liens: etree._Element | None) -> tuple[CitedText, ...]:
    """The texts cited or applied, from the ``LIEN`` children of ``LIENS``.

    ``id`` is the precise target (``@id``, e.g. an article), ``text_id`` the text it belongs to
    (``@cidtexte``); ``number`` is ``@numtexte`` (or ``@num`` when there is no text number).
    """
    if liens is None:
        return ()
    cited = []
    for lien in liens.iter("LIEN"):
        get = lien.get
        text_id = clean(get("cidtexte"))
        target = clean(get("id")) or text_id
        if not target:
            continue
        cited.append(new_cited_text(
            id=target,
            kind=clean(get("typelien")),
            nature=clean(get("naturetexte")),
            nor=clean(get("nortexte")),
            number=clean(get("numtexte")) or clean(get("num")),
            date=to_date(get("datesignatexte")),
            title=clean(lien.text),
            text_id=text_id,
        ))
    return tuple(cited)


def keywords(mcs: etree._Element | None) -> tuple[str, ...]:
    """Keywords of ``MCS_TXT``/``MCS_TEXT`` (its non-empty ``MC`` children), in order."""
    if mcs is None or len(mcs) == 0:
        return ()
    return tuple(word for word in (clean(mc.text) for mc in mcs.iter("MC")) if word)


def article(
    name: str, fields: Fields, text_id: str, num: str, bloc: etree._Element | None
) -> ParsedArticle:
    """An article from its identity ``fields`` (``ID``, ``ID_ELI``) and ``BLOC_TEXTUEL``."""
    article_id = require_id(name, text_of(fields, "ID"), "un article")
    html, text = render_contenu(_contenu(bloc))
    return new_article(
        id=article_id,
        text_id=text_id,
        num=num,
        html=html,
        text=text,
        eli=text_of(fields, "ID_ELI"),
    )


def _contenu(element: etree._Element | None) -> etree._Element | None:
    """The ``CONTENU`` child of ``element`` (None when either is absent)."""
    if element is not None:
        for child in element[:]:  # see xmltools.children
            if child.tag == "CONTENU":
                return child
    return None
