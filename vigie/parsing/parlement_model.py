"""The frozen records of Parliament sources: questions with their answers, and dossiers.

Written questions (``QE``), questions to the government (``QG``) and oral questions (``QOSD``…)
of the Assemblée nationale and the Sénat become :class:`ParsedQuestion`; an answer that comes
apart from its question (the Sénat dump keeps answers in their own table) is a
:class:`ParsedReply` that names its question by ``question_key``. Legislative dossiers become
:class:`ParsedDossier` with their dated :class:`DossierStep`. Every field is plain data, as in
:mod:`vigie.parsing.model`, so records can be compared, hashed and sent between processes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

AN, SENAT = "an", "senat"
CHAMBER_LABELS = {AN: "Assemblée nationale", SENAT: "Sénat"}
# The Journal officiel edition a question or an answer appeared in, as the sources name them.
JO_QUESTIONS, JO_DEBATES, JO_LAWS = "JO_QUESTION", "JO_DEBAT", "JO_LOI_DECRET"


@dataclass(frozen=True)
class JoReference:
    """Where something was published: the day, page and number of a Journal officiel."""

    date: date | None = None
    page: str = ""
    number: str = ""  # numJO, the issue number of that edition
    kind: str = ""  # JO_QUESTION, JO_DEBAT, JO_LOI_DECRET ("" when unknown)
    url: str = ""  # an official address of that publication, when the source gives one

    def is_empty(self) -> bool:
        return self.date is None and not self.page and not self.number


@dataclass(frozen=True)
class Attribution:
    """A ministry the question was assigned (or re-assigned) to, from the day given."""

    ministry: str  # the full name (« Ministère de la défense »)
    short: str = ""  # the short name (« Défense »)
    date: date | None = None


@dataclass(frozen=True)
class Author:
    """The member of Parliament who asked."""

    name: str = ""  # « M. François Cornut-Gentille » ("" when the source gives only a reference)
    ref: str = ""  # PA… (Assemblée), matricule (Sénat)
    group: str = ""
    group_short: str = ""
    constituency: str = ""  # « Haute-Marne (2e circonscription) », « Nord »
    departement: str = ""  # INSEE code of the département when the source gives it


@dataclass(frozen=True)
class ParsedAnswer:
    """A minister's answer, as published at the Journal officiel."""

    html: str  # sanitised HTML
    text: str  # plain text of the same
    published: JoReference = field(default_factory=JoReference)
    ministry: str = ""
    erratum: str = ""  # text of a correction published later, if any
    erratum_published: JoReference = field(default_factory=JoReference)


@dataclass(frozen=True)
class ParsedQuestion:
    """A parliamentary question, with its answers when they are published."""

    id: str  # official identifier: QANR5L16QE1234, qSEQ16030791G…
    chamber: str  # AN or SENAT
    source: str  # an-json, an-xml, senat-dump, senat-liste
    kind: str = ""  # QE, QG, QOSD… as the chamber codes it
    legislature: str = ""
    number: str = ""
    title: str = ""  # the « analyse » (AN) or « titre » (Sénat)
    rubrique: str = ""  # the chamber's own index heading (« collectivités territoriales »)
    heading: str = ""  # « tête d'analyse »
    keywords: tuple[str, ...] = ()  # the « analyses »
    author: Author = field(default_factory=Author)
    ministry_asked: str = ""
    attributions: tuple[Attribution, ...] = ()  # in order; more than one when re-assigned
    html: str = ""  # the question text, sanitised HTML
    text: str = ""
    published: JoReference = field(default_factory=JoReference)
    answers: tuple[ParsedAnswer, ...] = ()
    # False when the answers come apart (Sénat dump): the stored ones must then be kept.
    carries_answers: bool = True
    status: str = ""  # closing code: REP_PUB, RETIRE, CADUQUE… ("" while open)
    status_label: str = ""  # « Réponse publiée »
    closed: date | None = None
    errata: tuple[str, ...] = ()  # corrections of the question text
    url: str = ""  # the official page of the question
    source_key: str = ""  # the source's own key of the question (Sénat base id), for answers
    listed_only: bool = False  # known from a list of results only: no text yet

    def latest_date(self) -> date | None:
        """The most recent publication this record knows of: tells a newer record from an
        older one of the same question."""
        days = [self.published.date, self.closed, *(a.date for a in self.attributions)]
        for answer in self.answers:
            days += [answer.published.date, answer.erratum_published.date]
        known = [d for d in days if d is not None]
        return max(known) if known else None


@dataclass(frozen=True)
class ParsedReply:
    """An answer delivered apart from its question; ``question_key`` names the question
    (``senat:<base id>`` for the Sénat dump, or the question's official identifier)."""

    question_key: str
    answer: ParsedAnswer


@dataclass(frozen=True)
class DossierStep:
    """A dated step of a legislative dossier (a reading, a commission, a vote, the law)."""

    date: date | None
    stage: str  # « 1ère lecture », « CMP », « Loi »
    place: str = ""  # « Sénat », « Assemblée nationale », « séance publique », « commission »
    label: str = ""  # what happened, in the chamber's words
    code: str = ""  # the Assemblée's act code (AN1-DEPOT…) when known
    url: str = ""
    details: tuple[str, ...] = ()  # the documents of the step (texte n°…, rapport n°…)


@dataclass(frozen=True)
class ParsedDossier:
    """A legislative dossier followed by one chamber."""

    id: str  # DLR5L16N46539, pjl07-488, AN14-republique_numerique…
    chamber: str
    source: str  # an-json, an-page, senat-page
    title: str
    legislature: str = ""
    long_title: str = ""
    procedure: str = ""  # « Projet de loi ordinaire », « projet de loi »…
    accelerated: date | None = None  # day the government engaged the accelerated procedure
    steps: tuple[DossierStep, ...] = ()
    law: str = ""  # « Loi n° 2011-2 du 3 janvier 2011 »
    law_date: date | None = None
    law_published: JoReference = field(default_factory=JoReference)
    law_id: str = ""  # JORFTEXT… of the law when the page links to it
    url: str = ""
    other_url: str = ""  # the same dossier on the other chamber's site
    themes: tuple[str, ...] = ()

    def latest_date(self) -> date | None:
        known = [s.date for s in self.steps if s.date] + [
            d for d in (self.law_date, self.law_published.date) if d]
        return max(known) if known else None


ParlementRecord = ParsedQuestion | ParsedReply | ParsedDossier
