"""Parliament items for people and for the export: a question with its answers, a dossier.

``render_parlement`` is what ``vigie show`` prints for rubrics ``reponses`` and
``parlement``; ``parlement_urls`` and ``parlement_export`` are what ``vigie export`` adds to
the common fields (see README, « Export »).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from vigie.documents.models import Article, Document
from vigie.documents.parlement_fields import (
    STATUS_LABELS,
    day_of,
    jo_from,
    publication_line,
    step_line,
)
from vigie.parsing.parlement_model import CHAMBER_LABELS, DossierStep
from vigie.reference.french import french_date

KIND_LABELS = {
    "QE": "Question écrite", "QG": "Question au Gouvernement",
    "QOSD": "Question orale sans débat", "QOAD": "Question orale avec débat",
    "QC": "Question d'actualité (cribles)", "QOAE": "Question orale avec débat (Europe)",
}


def kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, f"Question ({kind})" if kind else "Question")


def section_label(doc: Document) -> str:
    """What a Parliament item's ``section`` is, said to readers: for a question, the rubric
    its chamber filed it under (« Rubrique de l'Assemblée nationale »); for a dossier, its
    latest step. (The Journal officiel's is the « Rubrique du sommaire ».)"""
    details = doc.details or {}
    if details.get("kind") == "dossier":
        return "Dernière étape"
    chamber = CHAMBER_LABELS.get(details.get("chamber", ""), "")
    if not chamber:
        return "Rubrique"
    of = "de l'" if chamber.startswith("A") else "du "
    return f"Rubrique {of}{chamber}"


# The official sites, all served over https: their older pages still link in http.
OFFICIAL_HOSTS = {"senat.fr": "www.senat.fr", "www.senat.fr": "www.senat.fr",
                  "assemblee-nationale.fr": "www.assemblee-nationale.fr",
                  "www.assemblee-nationale.fr": "www.assemblee-nationale.fr",
                  "legifrance.gouv.fr": "www.legifrance.gouv.fr",
                  "www.legifrance.gouv.fr": "www.legifrance.gouv.fr"}
LEGIFRANCE_TEXT = "https://www.legifrance.gouv.fr/jorf/id/{id}"
_JORFTEXT = re.compile(r"\bcidTexte=(JORFTEXT\d{12})\b")


def official_address(url: str) -> str:
    """An official site's address as readers may follow it: ``http://www.senat.fr/…`` in
    ``https``, an old Légifrance page (``affichTexte.do;jsessionid=…?cidTexte=JORFTEXT…``) as
    the text's permanent address; any other address unchanged."""
    parts = urlsplit(url)
    host = OFFICIAL_HOSTS.get(parts.netloc.lower())
    if host is None or parts.scheme not in ("http", "https"):
        return url
    text_id = _JORFTEXT.search(url) if host == "www.legifrance.gouv.fr" else None
    if text_id:
        return LEGIFRANCE_TEXT.format(id=text_id.group(1))
    return parts._replace(scheme="https", netloc=host).geturl()


def parlement_urls(doc: Document) -> dict[str, str]:
    """Official addresses: the chamber's page (``source``) and, for a law, Légifrance."""
    details = doc.details or {}
    law = official_address(jo_from(details.get("law_published")).url)
    return {"legifrance": law if "legifrance" in law else "", "eli": "", "jo": "",
            "source": official_address(details.get("url", "")),
            "other": official_address(details.get("other_url", ""))}


def parlement_links(doc: Document) -> list[tuple[str, str, str]]:
    """(kind, label, address): the chamber's page, the other chamber's, the law."""
    urls = parlement_urls(doc)
    chamber = CHAMBER_LABELS.get((doc.details or {}).get("chamber", ""), "Page officielle")
    links = [("official", chamber, urls["source"])] if urls["source"] else []
    links += [("other", "Dossier de l'autre assemblée", urls["other"])] if urls["other"] else []
    links += [("law", "Loi promulguée (Légifrance)", urls["legifrance"])] \
        if urls["legifrance"] else []
    return links


def parlement_export(doc: Document) -> dict[str, Any]:
    """What the export adds for a Parliament item (``details``: author, ministries, JO
    references, answers or steps; the texts themselves are in ``articles``)."""
    return {"details": doc.details or {}}


def parlement_facts(doc: Document) -> list[tuple[str, str]]:
    """What a Parliament item's page adds to its references: a question's author, with group
    and seat, and the ministry first asked when another one answers; the day a dossier's
    accelerated procedure was engaged (fewer readings: the law comes sooner)."""
    details = doc.details or {}
    if details.get("kind") == "dossier":
        engaged = details.get("accelerated")
        return [("Procédure accélérée engagée le", french_date(day_of(engaged)))] \
            if engaged else []
    author = details.get("author") or {}
    about = ", ".join(p for p in (author.get("group"), author.get("constituency")) if p)
    who = author.get("name", "") + (f" ({about})" if about and author.get("name") else "")
    asked = details.get("ministry_asked", "")
    rows = [("Auteur", who), ("Ministère interrogé", asked if asked != doc.ministry else "")]
    return [(label, value) for label, value in rows if value]


def render_parlement(doc: Document, articles: list[Article]) -> str:
    details = doc.details or {}
    lines = [doc.title or doc.uid, "=" * min(len(doc.title or doc.uid), 100),
             f"Identifiant : {doc.uid}"]
    if details.get("kind") == "dossier":
        lines += _dossier_lines(doc, details)
    else:
        lines += _question_lines(doc, details, articles)
    urls = parlement_urls(doc)
    lines += ["", "Sources officielles"]
    chamber = CHAMBER_LABELS.get(details.get("chamber", ""), "Page officielle")
    lines += [f"  {chamber} : {urls['source']}"] if urls["source"] else []
    lines += [f"  Autre assemblée : {urls['other']}"] if urls["other"] else []
    lines += [f"  Légifrance (loi) : {urls['legifrance']}"] if urls["legifrance"] else []
    if doc.delivery:
        lines.append(f"  Provenance : {doc.delivery}, fichier {doc.member}")
    return "\n".join(lines)


def _question_lines(doc: Document, details: dict[str, Any], articles: list[Article]
                    ) -> list[str]:
    author = details.get("author") or {}
    who = author.get("name", "")  # never its reference alone (« de auteur PA720614 »)
    about = ", ".join(p for p in (author.get("group"), author.get("constituency")) if p)
    chamber = CHAMBER_LABELS.get(details.get("chamber", ""), "")
    legislature = f", {details['legislature']}e législature" if details.get("legislature") else ""
    head = f"{kind_label(doc.nature)} n° {doc.number}" + (f" de {who}" if who else "")
    head += f" ({about})" if about else ""
    lines = [f"{head} — {chamber}{legislature}"]
    index = " — ".join(p for p in (doc.section, details.get("heading")) if p)
    lines += [f"Rubrique : {index}"] if index else []
    lines += [f"Ministère interrogé : {details['ministry_asked']}"] \
        if details.get("ministry_asked") else []
    attributions = details.get("attributions") or []
    if len({a.get("ministry") for a in attributions}) > 1:
        lines.append("Attribuée à : " + " ; ".join(
            a.get("ministry", "") + (f" (le {french_date(day_of(a['date']))})"
                                     if a.get("date") else "") for a in attributions))
    asked = publication_line(details.get("chamber", ""), "Question publiée",
                             jo_from(details.get("question_published")))
    lines += [line for line in (asked, doc.origine_publi if doc.status == "answered" else "")
              if line]
    lines.append(f"État : {STATUS_LABELS.get(doc.status, doc.status)}")
    answers = details.get("answers") or []
    for article in articles:
        heading = article.num
        if article.num == "Réponse":
            meta = _answer_for(article, doc.uid, answers)
            ministry = meta.get("ministry", "")
            heading = f"Réponse{' — ' + ministry if ministry else ''}"
        lines += ["", heading, article.text]
    lines += ["", "Errata de la question", *details.get("errata", [])] \
        if details.get("errata") else []
    return lines


def _answer_for(article: Article, uid: str, answers: list[dict[str, Any]]) -> dict[str, Any]:
    number = article.article_id.removeprefix(f"{uid}-R")
    return answers[int(number) - 1] if number.isdigit() and 0 < int(number) <= len(answers) \
        else {}


def _dossier_lines(doc: Document, details: dict[str, Any]) -> list[str]:
    chamber = CHAMBER_LABELS.get(details.get("chamber", ""), "")
    of_chamber = ("dossier de l'" if chamber.startswith("A") else "dossier du ") + chamber
    lines = [" — ".join(p for p in (details.get("procedure"), of_chamber if chamber else "")
                        if p)]
    lines += [details["long_title"]] if details.get("long_title") else []
    lines += [f"Loi : {doc.origine_publi}"] if details.get("law") else []
    if details.get("accelerated"):
        lines.append("Procédure accélérée engagée le "
                     f"{french_date(day_of(details['accelerated']))}")
    lines += [f"État : {STATUS_LABELS.get(doc.status, doc.status)}", "", "Étapes"]
    for line, documents in dossier_steps(details):
        lines.append("  " + line)
        lines += [f"      · {d}" for d in documents]
    lines += ["", "Thèmes : " + ", ".join(doc.keywords)] if doc.keywords else []
    return lines


def dossier_steps(details: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """The steps of a dossier (its ``details``), in order: « 12 mai 2026 — 1ère lecture,
    Assemblée nationale : Dépôt… » and the documents of the step beyond the first (which the
    step's label already names)."""
    return [(step_line(_step(step)), list(step.get("details", [])[1:]))
            for step in details.get("steps") or []]


# Where a Parliament item was read (``Document.flow``, see ``parlement_model``).
SOURCE_LABELS = {
    "an-json": "Assemblée nationale, données ouvertes (data.assemblee-nationale.fr)",
    "an-xml": "Assemblée nationale, données ouvertes (data.assemblee-nationale.fr)",
    "an-page": "Assemblée nationale, page du dossier sur www.assemblee-nationale.fr",
    "senat-dump": "Sénat, données ouvertes (data.senat.fr)",
    "senat-liste": "Sénat, liste de questions publiée sur www.senat.fr",
    "senat-page": "Sénat, page du dossier sur www.senat.fr",
}


def parlement_source(doc: Document) -> str:
    """« Assemblée nationale, données ouvertes (data.assemblee-nationale.fr) »: whose file a
    Parliament item comes from, said to readers (the chamber, when the source is unknown)."""
    chamber = CHAMBER_LABELS.get((doc.details or {}).get("chamber", ""), "Parlement")
    return SOURCE_LABELS.get(doc.flow, chamber)


def _step(values: dict[str, Any]) -> DossierStep:
    return DossierStep(day_of(values.get("date")), values.get("stage", ""), values.get("place", ""),
                       values.get("label", ""))
