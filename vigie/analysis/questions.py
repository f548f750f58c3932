"""Selection and essentials of Parliament items: answers to questions, bills in progress.

A question matters when its answer changes how local authorities apply a rule: it is filed
under a local-authority heading (« communes », « cimetières », « fonction publique
territoriale »…), answered by the ministry in charge of local authorities, titled with their
words, or its text speaks their vocabulary at length. Text alone never retains it (a debate
on pensions mentions « les communes » in passing): at least one of the filed signals, or four
distinct local-authority terms, is needed. « commune » counts as the local authority only
(``commune_sense``: not « sans commune mesure », « politique agricole commune »), « PLU » as
written in capitals, and a text is read up to a word's end (« de plu|s » is no PLU). A
question without a published answer is never retained — its answer will be, with the
question summarised.

The essentials of an answer: the question in one sentence (``Decision.question``), the
answer's position in two or three of its own sentences (``Decision.essentials``), its JO
reference (the item's reference line, from the storage stage). A question au Gouvernement is
the record of a debate: its question and the minister's statements are read turn by turn
(``debates``), without interjections, applause, salutations or remarks aimed at a person.
A bill (« dossier législatif ») is retained when it changes local authorities' duties by its
title or themes; its essentials are its stage. Themes and roles are those of the Journal officiel
(``themes.classify``); territories are the places the question names — the author's
département only when the question is about it.

Pure: same ``ParliamentItem``, same ``Decision``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from vigie.analysis import debates
from vigie.analysis.commune_sense import other_senses
from vigie.analysis.essentials import clipped, sentences
from vigie.analysis.evidence import gather
from vigie.analysis.records import Decision, Item, Territory
from vigie.analysis.selection import features_of
from vigie.analysis.territories import find_territories
from vigie.analysis.themes import classify
from vigie.analysis.titles import short_title as newsroom_title
from vigie.reference.capitals import sentence_case

QUESTION, DOSSIER = "question", "dossier"
RETAIN_AT = 0.5
NO_ANSWER = ("question sans réponse publiée : pas dans les éditions (sa réponse y entrera, "
             "avec la question résumée)")
NO_ANSWER_TEXT = "Pas d'essentiel extrait : le texte de la réponse n'est pas publié"
_MAX_POSITION = 3
# How much of a question and of an answer the vocabulary count reads: a written answer is
# shorter; a debate goes on for pages, and its opening says what it is about.
_READ = 4000

# Words of local authorities, with the label a reason quotes. Patterns are read on the
# lower-cased text and open on a literal, not on ``\b`` (which would make the engine try
# every position of a long debate): the word boundary before a match is checked apart.
_TERMS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern)) for label, pattern in (
        ("collectivités territoriales", r"collectivit[ée]s? (?:territoriales?|locales?)\b"),
        ("commune", r"commun(?:es?|al|ale|ales|aux)\b"),
        ("maire", r"maires?\b|mairies?\b"),
        ("élus locaux", r"élue?s? (?:locales?|locaux|local|municipa\w*|communa\w*)\b|"
                        r"conseils? municipa|mandats? locaux\b"),
        ("intercommunalité", r"intercommuna|epci\b|communautés? (?:de communes|"
                             r"d'agglomération|urbaines?)|métropoles?\b"),
        ("département", r"conseils? (?:départementa|régiona)|collectivité départementale"),
        ("fonction publique territoriale", r"fonction publique territoriale\b|"
                                           r"agents? (?:territoriaux|territoriale|communaux)\b|"
                                           r"secrétaires? de mairie\b"),
        ("urbanisme", r"urbanisme\b|plans? locaux? d'urbanisme\b|"
                      r"permis de (?:construire|démolir|aménager)\b"),
        ("cimetière", r"cimeti[èe]res?\b|concessions? funéraires?\b|sites? cinéraires?\b"),
        ("dotations", r"dotations?\b|dgf\b|fiscalité locale\b|finances locales\b"),
        ("voirie", r"voirie\b|chemins? ruraux\b|chemin rural\b"),
        ("police municipale", r"police municipale\b|polices? du maire\b|"
                              r"gardes? champêtres?\b"),
        ("décentralisation", r"décentralisation\b"),
    ))
# Acronyms, read as written: « PLU » is the plan local d'urbanisme, « plu » a past participle.
_ACRONYMS: tuple[tuple[str, re.Pattern[str]], ...] = (("urbanisme", re.compile(r"PLUi?\b")),)
# Ministries whose answers are read by local authorities first.
_LOCAL_MINISTRY = re.compile(r"collectivités territoriales|décentralisation|cohésion des "
                             r"territoires|aménagement du territoire|ruralité", re.IGNORECASE)
# Sentences of an answer that say nothing on their own.
_CEREMONY = re.compile(r"^(?:L'attention du Gouvernement|Le Gouvernement (?:remercie|partage)|"
                       r"L'honorable parlementaire|La question (?:posée|de l'honorable)|"
                       r"Comme le souligne|Ainsi que le rappelle|Je vous remercie|Merci|"
                       r"Permettez-moi)", re.IGNORECASE)
# Reactions the debates' record puts between the words (« (Applaudissements…) »).
_REACTION = re.compile(r"\((?:Applaudissements|Exclamations|Protestations|Sourires|Rires|"
                       r"Vives? protestations|Murmures)[^)]*\)\s*")
# What a rule sounds like: the sentences that state the administration's reading.
_RULE = re.compile(r"\b(?:doi(?:t|vent)|peu(?:t|vent)|ne (?:peut|peuvent|sauraient?)|"
                   r"est tenue?|sont tenus|il appartient|appartient|prévue?s? (?:à|par)|"
                   r"en application|conformément|article [LRD]\.? ?\d|obligatoire|interdit|"
                   r"autoris|incombe|relève)", re.IGNORECASE)
# The chair's words and a record's headings, in an answer that holds no debate's turns.
_CHAIR = re.compile(r"\bLa parole est à\b|^(?:M\.|Mme) (?:le |la )?présidente?\.|"
                    r"^[^a-zà-ÿ]{6,}(?: (?:M\.|Mme) |$)")
_ASK = re.compile(r"\b(?:demande|interroge|souhaite(?:rait)? (?:savoir|connaître)|"
                  r"aimerait savoir)\b", re.IGNORECASE)
_ASKER = re.compile(r"^(Il|Elle)\s+(?:lui\s+|leur\s+)?(?=demande|souhaite|aimerait|interroge)")
_MEMBER = {("senat", "Il"): "Le sénateur", ("senat", "Elle"): "La sénatrice",
           ("an", "Il"): "Le député", ("an", "Elle"): "La députée"}
_OPENING = re.compile(r"^.{0,240}?\b(?:attire|appelle) l'attention de .{0,200}? sur ",
                      re.IGNORECASE)
_SEAT = re.compile(r"\b(?:sénat(?:eur|rice)|député(?:e)?) (?:de la |de l'|du |des |de )"
                   r"[^,.;]+", re.IGNORECASE)


@dataclass(frozen=True)
class ParliamentItem:
    """What the analysis reads of a question (with its answers) or of a bill's dossier."""

    uid: str
    kind: str  # QUESTION or DOSSIER
    title: str
    kind_label: str = ""  # « Question écrite », « Proposition de loi »
    chamber: str = ""  # "an" or "senat"
    section: str = ""  # the rubrique the chamber filed it under; a dossier: its stage
    heading: str = ""  # AN « tête d'analyse »
    keywords: tuple[str, ...] = ()  # analyses (AN), themes (Sénat)
    ministry: str = ""  # the ministry that answered (or is assigned)
    ministry_asked: str = ""
    question: str = ""  # the question's text
    answer: str = ""  # the latest answer's text ("" when none, or not published)
    answered: bool = False
    author: str = ""  # « Mme Marie Essai »
    author_departement: str = ""  # INSEE code of the author's département, when known
    date: date | None = None
    stage: str = ""  # a dossier: its latest step, in words
    long_title: str = ""


def analyse_parliament(item: ParliamentItem) -> Decision:
    """Decide whether a Parliament item matters to local authorities, and its essentials."""
    score, reasons = assess(item)
    retained = score >= RETAIN_AT and (item.kind == DOSSIER or item.answered)
    if item.kind == QUESTION and not item.answered:
        reasons.append(NO_ANSWER)
    territories = _territories(item)
    if item.kind == QUESTION and item.author_departement:
        reasons.append(_author_reason(item, territories))
    as_text = Item(title=item.title, ministry=item.ministry, section=item.section,
                   text="\n".join(p for p in (item.long_title, *item.keywords,
                                              _head(item.question), _head(item.answer)) if p),
                   date=item.date)
    # A question is put to the minister in charge of its subject: the ministry's name says what
    # it is about, as a JO text's signing ministry does not (``domains.domains``).
    themes = classify(features_of(as_text, gather(as_text), addressed=True)[0])
    if retained:
        reasons.append(themes.reason)
    found, missing = (_position(item) if item.kind == QUESTION else _stage(item))
    reasons += [missing] if missing and retained else []
    return Decision(
        retained=retained, scope="national" if retained else "no", score=score,
        reasons=tuple(reasons), theme=themes.theme, themes=themes.secondary,
        roles=themes.roles, territories=territories, short_title=_title(item.title),
        essentials=found, heading=_heading(item),
        question=summarise_question(item) if item.kind == QUESTION else "",
    )


def assess(item: ParliamentItem) -> tuple[float, list[str]]:
    """How surely the item matters to local authorities (0..1), and why, in French."""
    score, reasons = 0.0, []
    ministries = " ".join((item.ministry, item.ministry_asked))
    if _LOCAL_MINISTRY.search(ministries):
        score += 0.5
        reasons.append("ministère chargé des collectivités territoriales")
    filed = [w for w in (item.section, item.heading, *item.keywords) if w and _terms(w)]
    if filed:
        score += 0.4
        reasons.append("classée sous « " + " », « ".join(dict.fromkeys(filed[:3])) + " »")
    in_title = _terms(" ".join((item.title, item.long_title)))
    if in_title:  # a bill's title says what it changes
        score += 0.5 if item.kind == DOSSIER else 0.4
        reasons.append("titre : " + ", ".join(f"« {w} »" for w in in_title[:3]))
    in_text = _terms(" ".join((_head(item.question), _head(item.answer))))
    if in_text:
        score += min(0.125 * len(in_text), 0.5)
        reasons.append("vocabulaire des collectivités : "
                       + ", ".join(f"« {w} »" for w in in_text[:4]))
    if not reasons:
        reasons.append("ni le classement, ni le ministère, ni le texte ne concernent les "
                       "collectivités territoriales")
    return round(min(score, 1.0), 3), reasons


def _terms(text: str) -> list[str]:
    """The labels of the local-authority terms ``text`` uses, in ``_TERMS`` order: « commune »
    only as the local authority (not « sans commune mesure », « politique commune »:
    ``commune_sense``)."""
    lowered = text.lower()
    other = {start for start, _ in other_senses(lowered, text)}
    cased = {label for label, pattern in _ACRONYMS
             if any(_starts_word(text, m.start()) for m in pattern.finditer(text))}
    return [label for label, pattern in _TERMS if label in cased
            or any(_starts_word(lowered, m.start()) and m.start() not in other
                   for m in pattern.finditer(lowered))]


def _head(text: str) -> str:
    """The first ``_READ`` characters of ``text``, cut between two words (« de plu|s » read
    « plu », the PLU)."""
    if len(text) <= _READ or text[_READ].isspace():
        return text[:_READ]
    return text[:_READ].rsplit(None, 1)[0]


def _starts_word(text: str, start: int) -> bool:
    return start == 0 or not text[start - 1].isalnum()


def _title(title: str) -> str:
    """The chamber's title as readers see it (« DGF DES COMMUNES » in sentence case, names
    and acronyms kept: « DGF des communes »)."""
    title = sentence_case(title)
    return newsroom_title(title) if len(title) > 120 else title


def _heading(item: ParliamentItem) -> str:
    """« Cimetières — concessions »; for a dossier, its procedure (« Proposition de loi »)."""
    if item.kind == DOSSIER:
        return item.kind_label
    parts = [p for p in (item.section, item.heading) if p]
    parts = list(dict.fromkeys(p[:1].upper() + p[1:] if i == 0 else p
                               for i, p in enumerate(parts)))
    return " — ".join(parts) or item.kind_label


def summarise_question(item: ParliamentItem) -> str:
    """The question in one sentence: the sentence that asks, its « Elle lui demande »
    given its author; a debate question (no text of its own) in its author's words."""
    said = sentences(item.question)
    ask = next((s for s in said if _ASK.search(s)), said[0] if said else "")
    if not ask:
        return _debate_question(item)
    pronoun = _ASKER.match(ask)
    if pronoun:
        who = item.author or _MEMBER.get((item.chamber, pronoun.group(1)), "Son auteur")
        ask = f"{who} {ask[pronoun.end():]}"
    return _clip(ask)


def _debate_question(item: ParliamentItem) -> str:
    """« Mme Marine Le Pen demande : « En attendant, pouvez-vous … ? » »: from the record of
    the debate, what its author asked before a minister was given the floor
    (``debates.asked``); "" when there is none (the item's title, « Question au Gouvernement
    n° … : … », says the rest: it read « Question au Gouvernement : <title>. » again)."""
    chosen = debates.asked(debates.turns(item.answer), item.author)
    if not chosen:
        return ""
    return clipped(f"{item.author or 'Son auteur'} demande : « {chosen}") + " »"


def _position(item: ParliamentItem) -> tuple[tuple[str, ...], str]:
    """Two or three sentences of the answer that state the administration's reading: in a
    debate, the minister's statements (``debates.position``); in a written answer, those
    that sound like a rule first (in the answer's order), the opening ones otherwise."""
    if not item.answer.strip():
        return (), NO_ANSWER_TEXT
    said = debates.turns(item.answer)
    ordered = debates.position(said) if debates.answered(said) else _written(item.answer)
    return tuple(_clip(s) for s in ordered), ("" if ordered else NO_ANSWER_TEXT)


def _written(answer: str) -> list[str]:
    said = [s for s in sentences(_REACTION.sub("", answer)) if not _CHAIR.search(s)
            and not _CEREMONY.match(s) and len(s.split()) >= 5 and " | " not in s]
    chosen = [s for s in said if _RULE.search(s)][:_MAX_POSITION]
    for sentence in said:
        if len(chosen) >= 2:
            break
        if sentence not in chosen:
            chosen.append(sentence)
    return sorted(chosen, key=said.index)


def _stage(item: ParliamentItem) -> tuple[tuple[str, ...], str]:
    """A bill's essentials: its full title when it says more, and where it stands."""
    found = []
    if item.long_title and item.long_title.lower() != item.title.lower():
        found.append(_clip(item.long_title[:1].upper() + item.long_title[1:]))
    if item.stage:
        found.append(_clip(f"Où en est le texte : {item.stage}"))
    return tuple(found), ("" if found else "Pas d'essentiel extrait : étape inconnue")


def _territories(item: ParliamentItem) -> tuple[Territory, ...]:
    """The places the question (or the bill's title) is about: its opening words, where the
    author is named with the seat (« sénateur du Cher »), are left out."""
    if item.kind == DOSSIER:
        return find_territories("", title=item.title)
    body = _SEAT.sub("", _OPENING.sub("", " ".join(item.question.split()), count=1))
    return find_territories(body, title=item.title)


def _author_reason(item: ParliamentItem, territories: tuple[Territory, ...]) -> str:
    named = {t.departement or t.code for t in territories if t.kind != "region"}
    if item.author_departement in named:
        return (f"la question porte sur le département de son auteur "
                f"({item.author_departement})")
    return (f"département de l'auteur ({item.author_departement}) non retenu comme "
            "territoire : la question n'en parle pas")


def _clip(sentence: str) -> str:
    return clipped(sentence.strip())
