"""Pages of senat.fr: a legislative dossier, and a list of questions found by its search.

A dossier page (``https://www.senat.fr/dossier-legislatif/<pjl|ppl><yy>-<n>.html``) gives its
title (``h1.title-dosleg``), the long title of the law (``h2.subtitle-01``), the promulgated law
and its JO (``ul.list-disc-03``), the accelerated procedure, the timeline of steps
(``ul.list-timeline`` links titled « 23 juillet 2008 | 1ère lecture - Sénat ») and, for each
step, the documents listed in ``div#timeline-<n>``. The search page (``rechercheQuestion.do``)
lists questions with their title, number, author, answering ministry and a date; they are
kept as questions « known from a list only ». Pages are ISO-8859-1 unless saved again.
"""

from __future__ import annotations

import re
from datetime import date

from lxml import etree

from vigie.parsing.clipping import clip
from vigie.parsing.model import ParseError
from vigie.parsing.parlement_model import (
    SENAT,
    Attribution,
    Author,
    DossierStep,
    JoReference,
    ParsedDossier,
    ParsedQuestion,
)
from vigie.parsing.parlement_values import (
    element_text,
    numeric_date,
    safe_url,
    worded_dates,
)
from vigie.parsing.senat_questions import REFERENCE, SENAT_QUESTION_URL
from vigie.parsing.xmltools import clean

SENAT_DOSSIER_URL = "https://www.senat.fr/dossier-legislatif/{id}.html"
DOSSIER_ID = re.compile(r"(?:dosleg|dossier-legislatif/|dossierleg/)((?:pjl|ppl|ppr|plfss|plf)"
                        r"\d{2}-\d{1,4}[a-z]?)(?:\.html|\.xml)", re.IGNORECASE)
PROCEDURES = {"pjl": "Projet de loi", "ppl": "Proposition de loi",
              "ppr": "Proposition de résolution", "plf": "Projet de loi de finances",
              "plfss": "Projet de loi de financement de la sécurité sociale"}
_LAW = re.compile(r"Loi\s+(?:organique\s+)?n°\s*([\d-]+)", re.IGNORECASE)
_JORFTEXT = re.compile(r"(JORFTEXT\d{12})")
_QUESTION_LINK = re.compile(r"[?&]id=q(SEQ\w+)")
_KINDS = {"G": "QG", "S": "QOSD"}
MAX_DETAILS, MAX_DETAIL_CHARS = 12, 400
# The timeline's abbreviations of a stage, in words for readers.
STAGES = {"nouv. lect.": "Nouvelle lecture", "l. définitive": "Lecture définitive",
          "CMP": "Commission mixte paritaire", "C. Constit.": "Conseil constitutionnel"}


def is_senat_dossier(root: etree._Element) -> bool:
    return bool(root.xpath('//h1[contains(@class, "title-dosleg")]'))


def is_senat_question_list(root: etree._Element) -> bool:
    return any(_QUESTION_LINK.search(a.get("href", "")) for a in root.iter("a"))


def parse_senat_dossier(root: etree._Element, name: str, page: str) -> ParsedDossier:
    """A Sénat dossier page (``page`` is its decoded text, for the identifier)."""
    found = DOSSIER_ID.search(page)
    if found is None:
        raise ParseError(f"{name} : identifiant du dossier législatif du Sénat introuvable "
                         "(lien « dossier-legislatif/pjl…-….html » ou flux RSS attendu)")
    ident = found.group(1).lower()
    title = element_text(_first(root, '//h1[contains(@class, "title-dosleg")]'))
    if not title:
        raise ParseError(f"{name} : dossier {ident} sans titre")
    law, law_date, law_jo, law_id, accelerated = _summary(root)
    prefix = re.match(r"[a-z]+", ident)
    return ParsedDossier(
        id=ident, chamber=SENAT, source="senat-page", title=title,
        long_title=element_text(_first(root, '//h2[contains(@class, "subtitle-01")]'))
        .rstrip(" :"),
        procedure=PROCEDURES.get(prefix.group(0) if prefix else "", ""),
        accelerated=accelerated, steps=_steps(root), law=law, law_date=law_date,
        law_published=law_jo, law_id=law_id, url=SENAT_DOSSIER_URL.format(id=ident),
        other_url=next((safe_url(a.get("href")) for a in root.iter("a")
                        if "assemblee-nationale.fr" in a.get("href", "")
                        and "/dossiers/" in a.get("href", "")), ""),
        themes=tuple(t for t in (element_text(a) for a in root.xpath(
            '//*[@id="box-themes"]//li//a')) if t),
    )


def _first(root: etree._Element, path: str) -> etree._Element | None:
    found = root.xpath(path)
    return found[0] if found else None


def _summary(root: etree._Element
             ) -> tuple[str, date | None, JoReference, str, date | None]:
    """The promulgated law, its JO, its JORFTEXT id, and the accelerated procedure."""
    law, law_date, law_jo, law_id, accelerated = "", None, JoReference(), "", None
    for item in root.xpath('//ul[contains(@class, "list-disc-03")]/li'):
        line = element_text(item)
        if _LAW.match(line) and not law:
            law = clean(line.split(" parue au")[0])
            law_date = next(worded_dates(law), None)
            link = next((a for a in item.iter("a") if "legifrance" in a.get("href", "")), None)
            if link is not None:
                jo_text = element_text(link)
                number = re.search(r"n°\s*(\d+)", jo_text)
                law_jo = JoReference(next(worded_dates(jo_text), None),
                                     number=number.group(1) if number else "",
                                     kind="JO_LOI_DECRET", url=safe_url(link.get("href")))
                found = _JORFTEXT.search(link.get("href", ""))
                law_id = found.group(1) if found else ""
        elif "procédure accélérée" in line.lower():
            accelerated = next(worded_dates(line), None)
    return law, law_date, law_jo, law_id, accelerated


def _steps(root: etree._Element) -> tuple[DossierStep, ...]:
    """The timeline's steps; a phase's own entry (« 16 juillet 2013 | CMP », no document)
    is left out when the phase's steps follow it on the same day."""
    steps = []
    for link in root.xpath('//ul[contains(@class, "list-timeline")]//a[@title]'):
        day, _bar, what = link.get("title", "").partition("|")
        stage, _dash, place = clean(what).partition(" - ")
        anchor = link.get("href", "").lstrip("#")
        details = _details(root, anchor) if anchor else ()
        steps.append(DossierStep(
            date=next(worded_dates(day), None), stage=STAGES.get(clean(stage), clean(stage)),
            place=clean(place), label=details[0] if details else "", details=details,
        ))
    return tuple(s for s in steps if s.label or s.place or not any(
        o is not s and (o.date, o.stage) == (s.date, s.stage) for o in steps))


def _details(root: etree._Element, anchor: str) -> tuple[str, ...]:
    """The documents of one step: the text of each innermost list item of its block."""
    blocks = root.xpath(f'//div[@id="{anchor}"]') if re.fullmatch(r"[\w-]+", anchor) else []
    if not blocks:
        return ()
    lines = []
    for item in blocks[0].iter("li"):
        if item.find(".//li") is None:
            line = element_text(item)
            if line:
                lines.append(clip(line, MAX_DETAIL_CHARS))
    return tuple(lines[:MAX_DETAILS])


def parse_senat_question_list(root: etree._Element, name: str) -> list[ParsedQuestion]:
    """The questions of a senat.fr search page, each known from the list only.

    The date shown beside each question is taken as the question's date: the page lists
    government questions (« G »), asked and answered in the same sitting.
    """
    questions = []
    for link in root.iter("a"):
        found = _QUESTION_LINK.search(link.get("href", ""))
        if not found or REFERENCE.match(found.group(1)) is None:
            continue
        reference = found.group(1)
        row = next((p for p in link.iterancestors("tr")), None)
        questions.append(_listed(reference, element_text(link), row))
    if not questions:
        raise ParseError(f"{name} : aucune question dans cette page de résultats du Sénat")
    return questions


def _listed(reference: str, title: str, row: etree._Element | None) -> ParsedQuestion:
    small = row.find(".//small") if row is not None else None
    words = element_text(small)
    number = re.search(r"n°\s*(\w+)", words)
    author = re.search(r"posée par\s+(.+?)(?:\s+Réponse|\s+En attente|$)", words)
    ministry = re.search(r"Réponse\s+(?:du|de la|de l'|des)\s*(.+)$", words)
    cells = row.findall("td") if row is not None else []
    day = numeric_date(element_text(cells[-1])) if cells else None
    code = number.group(1) if number else ""
    yy = int(reference[3:5])
    return ParsedQuestion(
        id=f"q{reference}", chamber=SENAT, source="senat-liste",
        kind=_KINDS.get(code[-1:], "QE" if code.isdigit() else ""), number=code, title=title,
        author=Author(name=clean(author.group(1)) if author else ""),
        attributions=(Attribution(clean(ministry.group(1))),) if ministry else (),
        published=JoReference(day), status_label="Réponse publiée" if ministry else "",
        url=SENAT_QUESTION_URL.format(year=(2000 if yy < 50 else 1900) + yy,
                                      reference=reference),
        listed_only=True,
    )
