"""Legislative dossiers of the Assemblée nationale: open-data JSON and the older HTML pages.

The open data (``Dossiers_Legislatifs.json.zip``) holds one ``{"dossierParlementaire": {…}}``
per dossier: ``uid`` (``DLR5L16N46539``), ``legislature``, ``titreDossier`` (``titre``,
``titreChemin`` for the page address, ``senatChemin``), ``procedureParlementaire.libelle`` and
the tree of ``actesLegislatifs.acteLegislatif`` (object or list at every level), each act with
its ``codeActe`` (``AN1-DEPOT``, ``CMP-DEC``, ``PROM-PUB``…), ``libelleActe``, ``dateActe`` and,
for the promulgation, ``infoJO`` and ``titreLoi``. The older pages
(``/14/dossiers/<slug>.asp``) list the steps under ``<a name="ETAPE…">`` anchors; each dated
line under a step (« …, n° 3318, déposé le 9 décembre 2015 ») becomes a step.
"""

from __future__ import annotations

import hashlib
import html
import re
from datetime import date
from typing import Any
from urllib.parse import quote

from vigie.parsing.an_questions import jo_reference
from vigie.parsing.clipping import clip
from vigie.parsing.model import ParseError
from vigie.parsing.parlement_model import AN, DossierStep, ParsedDossier
from vigie.parsing.parlement_values import (
    as_list,
    dig,
    iso_date,
    safe_url,
    text,
    worded_dates,
)
from vigie.parsing.xmltools import clean
from vigie.reference.geography import fold_word
from vigie.reference.proper_names import fixed_names

AN_DOSSIER_URL = "https://www.assemblee-nationale.fr/dyn/{legislature}/dossiers/{path}"
AN_OLD_SITE = "https://www.assemblee-nationale.fr"
# Act code prefixes, longest first where one starts another.
PLACES = {"CMP": "Commission mixte paritaire", "CC": "Conseil constitutionnel",
          "PROM": "Promulgation", "AN": "Assemblée nationale", "SN": "Sénat"}
_JORFTEXT = re.compile(r"(JORFTEXT\d{12})")
_OLD_URL = re.compile(r"/(\d{1,2})/dossiers/([\w.-]+?)\.asp")
_ETAPE = re.compile(r'<a\s+name="?ETAPE\d+"?\s*>\s*</a>', re.IGNORECASE)
_LINE_BREAKS = re.compile(r"<br\s*/?>|</?(?:p|div|li|tr|table|h\d)\b[^>]*>", re.IGNORECASE)
_TAGS = re.compile(r"<[^>]+>")
# Where the steps of an older page end: the rule above its « En savoir plus » box (the
# Conseil des ministres' summary, whose dates are no steps).
_STEPS_END = re.compile(r"<hr\b|\bEn savoir plus\b", re.IGNORECASE)
_SPACE_BEFORE = re.compile(r"\s+([,.])")  # « le 26 janvier 2016 , TA n° 802 »
# The older pages' stage headings in words for readers (as ``senat_pages.STAGES``), and a
# word of a heading that capitalises every word (« Commission Mixte Paritaire (Accord) »).
PAGE_STAGES = {"lecture texte cmp": "Lecture du texte de la commission mixte paritaire"}
_TITLE_WORD = re.compile(r"(?<=[\s(])[A-ZÀ-Ý][a-zà-ÿ]+\b")
# A line naming the chamber a reading goes on in (« Sénat : »), within a stage.
_CHAMBER_LINE = re.compile(r"^(Assemblée nationale|Sénat)\s*:$")
MAX_UID = 28  # leaves room for the « -E » of its steps article (32 characters)


def parse_an_dossier_json(name: str, dossier: dict[str, Any]) -> ParsedDossier:
    """One ``dossierParlementaire`` object."""
    uid = text(dossier.get("uid"))
    if not re.fullmatch(r"DL[A-Z0-9]{3,28}", uid):  # 30 at most: its « -E » article fits 32
        raise ParseError(f"{name} : identifiant de dossier « {uid[:40]} » absent ou invalide")
    legislature = text(dossier.get("legislature"))
    title = text(dig(dossier, "titreDossier", "titre"))
    if not title:
        raise ParseError(f"{name} : dossier {uid} sans titre")
    steps, promulgation = _steps(dossier.get("actesLegislatifs"))
    law = text(dig(promulgation, "titreLoi"))
    published = jo_reference(dig(promulgation, "infoJO")) if promulgation else None
    path = quote(text(dig(dossier, "titreDossier", "titreChemin")) or uid, safe="_-.")
    found = _JORFTEXT.search(published.url) if published else None
    return ParsedDossier(
        id=uid, chamber=AN, source="an-json", title=title, legislature=legislature,
        procedure=text(dig(dossier, "procedureParlementaire", "libelle")),
        steps=steps, law=law, law_date=next(worded_dates(law), None) or (
            iso_date(dig(promulgation, "dateActe")) if promulgation else None),
        law_published=published or jo_reference(None), law_id=found.group(1) if found else "",
        url=AN_DOSSIER_URL.format(legislature=legislature, path=path),
        other_url=safe_url(dig(dossier, "titreDossier", "senatChemin")),
    )


def _steps(acts: Any) -> tuple[tuple[DossierStep, ...], Any]:
    """Every dated act, depth first in the source's order; and the promulgation act."""
    steps: list[DossierStep] = []
    promulgation = None
    pending = [(act, "") for act in reversed(as_list(dig(acts, "acteLegislatif")))]
    while pending:
        act, stage = pending.pop()
        if not isinstance(act, dict):
            continue
        code = text(act.get("codeActe"))
        label = text(dig(act, "libelleActe", "nomCanonique")) or text(
            dig(act, "libelleActe", "libelleCourt"))
        stage = stage or text(dig(act, "libelleActe", "libelleCourt")) or label
        if code.startswith("PROM") and (act.get("titreLoi") or act.get("infoJO")):
            promulgation = promulgation or act
        day = iso_date(act.get("dateActe"))
        if day is not None:
            outcome = text(dig(act, "statutConclusion", "libelle"))
            steps.append(DossierStep(
                date=day, stage=stage, place=_place(code),
                label=f"{label} ({outcome})" if outcome else label, code=code,
                details=tuple(t for t in (text(act.get("texteAssocie")),
                                          text(act.get("texteAdopte"))) if t),
            ))
        children = as_list(dig(act, "actesLegislatifs", "acteLegislatif"))
        pending.extend((child, stage) for child in reversed(children))
    return tuple(steps), promulgation


def _place(code: str) -> str:
    """Where an act happens, from its code: ``AN1-DEPOT`` → Assemblée nationale."""
    return next((label for prefix, label in PLACES.items() if code.startswith(prefix)), "")


def parse_an_dossier_page(name: str, page: str) -> ParsedDossier:
    """An older Assemblée dossier page (``/14/dossiers/<slug>.asp``), decoded."""
    found = _OLD_URL.search(page)
    if found is None:
        raise ParseError(f"{name} : adresse du dossier (…/dossiers/….asp) introuvable dans la "
                         "page de l'Assemblée nationale")
    legislature, slug = found.groups()
    title_match = re.search(r"<title>(.*?)</title>", page, re.IGNORECASE | re.DOTALL)
    title = clean(html.unescape(title_match.group(1))) if title_match else ""
    title = re.sub(r"^Assemblée nationale\s*-\s*", "", title)
    if not title:
        raise ParseError(f"{name} : dossier {slug} sans titre")
    chunks = _ETAPE.split(page)
    chunks[-1] = _STEPS_END.split(chunks[-1], maxsplit=1)[0]
    steps = [step for chunk in chunks[1:] for step in _page_steps(chunk)]
    lines = _lines(chunks[0]) + [line for chunk in chunks[1:] for line in _lines(chunk)]
    accelerated = next((d for line in lines if "procédure accélérée" in line.lower()
                        for d in worded_dates(line)), None)
    senat = re.search(r"https?://www\.senat\.fr/dossier(?:-legislatif|leg)/[\w-]+\.html", page)
    return ParsedDossier(
        id=_page_uid(legislature, slug), chamber=AN, source="an-page", title=title,
        legislature=legislature, procedure=_procedure(lines), accelerated=accelerated,
        steps=tuple(steps), url=f"{AN_OLD_SITE}/{legislature}/dossiers/{slug}.asp",
        other_url=senat.group(0) if senat else "",
    )


def _page_uid(legislature: str, slug: str) -> str:
    """``AN14-republique_numerique``; a long slug keeps its start and a short digest."""
    uid = f"AN{legislature}-{slug}"
    if len(uid) <= MAX_UID:
        return uid
    digest = hashlib.sha1(slug.encode("utf-8")).hexdigest()[:8]
    return f"{uid[:MAX_UID - 9]}-{digest}"


def _lines(fragment: str) -> list[str]:
    """The page's lines as it shows them: the line breaks of its HTML source are spaces
    (« au cours \\n de la séance du mardi 27 septembre 2016 » is one line)."""
    raw = _TAGS.sub("", _LINE_BREAKS.sub("\n", " ".join(fragment.split())))
    return [line for line in (_SPACE_BEFORE.sub(r"\1", clean(html.unescape(p)))
                              for p in raw.split("\n")) if line]


def _page_steps(chunk: str) -> list[DossierStep]:
    """The heading of a stage (« Sénat - 1ère lecture ») and one step per dated line, in the
    order of their days (the page lists each committee's work apart); a line « Sénat : »
    gives the chamber of the lines after it."""
    lines = _lines(chunk)
    if not lines:
        return []
    heading = lines[0]
    place, _dash, stage = heading.partition(" - ")
    if not stage:
        place, stage = "", heading
    steps = []
    for line in lines[1:]:
        chamber = _CHAMBER_LINE.match(line)
        if chamber:
            place = chamber.group(1)
        day = next(worded_dates(line), None)
        if day is not None and len(line) > 12:
            steps.append(DossierStep(date=day, stage=stage_words(stage), place=clean(place),
                                     label=clip(line, 400)))
    return sorted(steps, key=lambda step: step.date or date.min)


def stage_words(heading: str) -> str:
    """« Lecture texte CMP » → « Lecture du texte de la commission mixte paritaire »,
    « Commission Mixte Paritaire (Accord) » → « Commission mixte paritaire (accord) »; the
    names of institutions keep their capital."""
    stage = clean(heading)
    stage = PAGE_STAGES.get(stage.lower(), stage)
    return _TITLE_WORD.sub(lambda word: word.group() if fixed_names().get(
        fold_word(word.group())) else word.group().lower(), stage)


def _procedure(lines: list[str]) -> str:
    for line in lines:
        found = re.match(r"(Projet|Proposition) de loi( organique| constitutionnelle)?", line)
        if found:
            return found.group(0)
    return ""
