"""Questions of the Assemblée nationale in the older XML (one ``QUESTION`` file each).

``QUESTION@TYPE`` (QE…), ``LEGISLATURE``, ``DEPOT@NUMERO`` with the JO of the question
(``DATE_JO`` in ``DD/MM/YYYY``, ``PAGE_JO``, ``NUMERO_JO``), ``AUTEUR`` (name and civility),
``GROUPE``, ``CIRCONSCRIPTION`` (with the département code), ``INDEXATION_AN@RUBRIQUE``,
``TETE_ANALYSE``, ``ANALYSE/ANA``, ``MINI`` (ministry asked), ``MINA/ORDRE`` (ministries assigned,
in order), a second ``DEPOT/TEXTE_DEPOT`` with the text, ``ERRATUM_QUESTION``, ``CLOTURE`` and
``REPONSE/TEXTE_REPONSE`` (HTML in CDATA) with ``DATE_JO_REPONSE`` and ``PAGE_JO_REPONSE``,
``ERRATUM_REPONSE``. The question gets the identifier the open data gives it today
(``QANR5L14QE47351``) so both formats describe the same document.
"""

from __future__ import annotations

from lxml import etree

from vigie.parsing.an_questions import an_question_url, check_question_id, complete_from_closing
from vigie.parsing.parlement_model import (
    AN,
    Attribution,
    Author,
    JoReference,
    ParsedAnswer,
    ParsedQuestion,
)
from vigie.parsing.parlement_values import html_text, numeric_date
from vigie.parsing.xmltools import clean


def _text(element: etree._Element | None, path: str = "") -> str:
    found = element.find(path) if element is not None and path else element
    return clean(found.text) if found is not None else ""


def _jo(element: etree._Element | None, prefix: str = "") -> JoReference:
    """``DATE_JO``, ``PAGE_JO``, ``NUMERO_JO`` and ``TYPE_JO`` of an element."""
    if element is None:
        return JoReference()
    return JoReference(
        date=numeric_date(_text(element, f"DATE_JO{prefix}")),
        page=_text(element, f"PAGE_JO{prefix}"), number=_text(element, "NUMERO_JO"),
        kind=_text(element, "TYPE_JO"),
    )


def parse_an_question_xml(root: etree._Element, name: str) -> ParsedQuestion:
    """A ``QUESTION`` element; :class:`ParseError` when its identity is missing."""
    kind = clean(root.get("TYPE"))
    legislature = _text(root, "LEGISLATURE")
    deposits = root.findall("DEPOT")
    number = next((clean(d.get("NUMERO")) for d in deposits if d.get("NUMERO")), "")
    uid = f"QANR5L{legislature}{kind}{number}" if kind and legislature and number else ""
    check_question_id(name, uid)
    filed = next((d for d in deposits if d.find("DATE_JO") is not None), None)
    body = next((d.find("TEXTE_DEPOT") for d in deposits if d.find("TEXTE_DEPOT") is not None),
                None)
    html, plain = html_text(body.text or "") if body is not None else ("", "")
    index = root.find("INDEXATION_AN")
    analyses = tuple(t for t in (_text(a) for a in root.iterfind("INDEXATION_AN/ANALYSE/ANA"))
                     if t)
    heading = _text(index, "TETE_ANALYSE")
    attributions = tuple(
        Attribution(_text(o, "DEVELOPPE") or _text(o, "ABREGE"), _text(o, "ABREGE"),
                    numeric_date(_text(o, "DATE_JO")))
        for o in root.iterfind("MINA/ORDRE"))
    closing = root.find("CLOTURE")
    return ParsedQuestion(
        id=uid, chamber=AN, source="an-xml", kind=kind, legislature=legislature, number=number,
        title=_title(analyses) or heading,
        rubrique=clean(index.get("RUBRIQUE")) if index is not None else "",
        heading=heading, keywords=analyses, author=_author(root),
        ministry_asked=_text(root, "MINI/DEVELOPPE") or _text(root, "MINI/ABREGE"),
        attributions=attributions, html=html, text=plain, published=_jo(filed),
        answers=_answers(root, attributions[-1].ministry if attributions else "", closing),
        status=_text(closing, "ABREGE"), status_label=_text(closing, "LIBELLE"),
        closed=numeric_date(_text(closing, "DATE_JO")),
        errata=_erratum_note(root.find("ERRATUM_QUESTION")),
        url=an_question_url(legislature, uid),
    )


def _author(root: etree._Element) -> Author:
    author, group, seat = root.find("AUTEUR"), root.find("GROUPE"), root.find("CIRCONSCRIPTION")
    name = " ".join(p for p in (_text(author, "CIVILITE"), _text(author, "PRENOM"),
                                _text(author, "NOM")) if p)
    constituency = _text(seat, "DEPARTEMENT")
    number = clean(seat.get("NUMERO_CIRCONSCRIPTION")) if seat is not None else ""
    if constituency and number:
        ordinal = "1re" if number == "1" else f"{number}e"
        constituency = f"{constituency} ({ordinal} circonscription)"
    return Author(
        name=name, ref=_text(author, "ID_ACTEUR"),
        group=_text(group, "LIBELLE"), group_short=clean(group.get("SIGLE")) if group is not None
        else "", constituency=constituency, departement=_text(seat, "CODE_DEPARTEMENT"),
    )


def _title(analyses: tuple[str, ...]) -> str:
    """« Équipements militaires, vieillissement, bilan » from the ``ANA`` lines."""
    joined = ", ".join(analyses)
    return joined[:1].upper() + joined[1:]


def _answers(root: etree._Element, ministry: str, closing: etree._Element | None
             ) -> tuple[ParsedAnswer, ...]:
    answers = []
    closed = _jo(closing)
    erratum = root.find("ERRATUM_REPONSE")
    for answer in root.iterfind("REPONSE"):
        html, plain = html_text(_text_raw(answer.find("TEXTE_REPONSE")))
        if not plain:
            continue
        note = _erratum_note(erratum)
        answers.append(ParsedAnswer(
            html, plain,
            complete_from_closing(_jo(answer, "_REPONSE"), closed, _text(closing, "ABREGE")),
            ministry,
            erratum=note[0] if note and not answers else "",
            erratum_published=_jo(erratum) if note and not answers else JoReference(),
        ))
    return tuple(answers)


def _text_raw(element: etree._Element | None) -> str:
    return element.text or "" if element is not None else ""


def _erratum_note(element: etree._Element | None) -> tuple[str, ...]:
    """« Erratum publié au JO du 03/06/2014, p. 4512 » when an erratum was published."""
    reference = _jo(element)
    if reference.date is None:
        return ()
    note = f"Erratum publié au JO du {reference.date.strftime('%d/%m/%Y')}"
    note += f", p. {reference.page}" if reference.page else ""
    body = _text(element, "TEXTE_ERRATUM")
    return (f"{note} : {body}" if body else note,)
