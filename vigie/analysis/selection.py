"""Selection: does a text matter to local authorities, and why (policy §2 to §5).

Evidence is added up as points, each with a French reason: the section and the nature (a
law, a nomination), the issuer, cues of the title (policy §4 exclusions, §2.5 designations),
the vocabulary of local government in the title, the notice and the text, the codes cited.
A text is retained from ``RETAIN_AT`` points on; the threshold is low on purpose (« when in
doubt, retain »). Works from a sommaire line alone and does better with the notice and text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from vigie.analysis import cues
from vigie.analysis.evidence import CODE_BY_NAME, Evidence
from vigie.analysis.lexicon import NOR_DIRECTIONS, NOR_NATURES, Term
from vigie.analysis.normalize import fold, stream
from vigie.analysis.records import Item

RETAIN_AT = 2.0
_NOMINATIVE_TITLE = re.compile(
    r"\b(?:portant (?:nomination|nominations|admission a la retraite|cessation de fonctions|"
    r"fin de fonctions|fin de delegation|integration|titularisation|promotion|radiation|"
    r"reintegration|affectation|detachement|maintien en fonctions|elevation|mutation)|nommant)\b"
)
_CC_KINDS = re.compile(r"^D[ée]cision n°\s*[\d-]+((?:\s+[A-Z]{1,4})+)\s+du\b")
# Ministries whose texts rarely concern local authorities; the others speak through their
# names' vocabulary (« aménagement du territoire », « logement ») or not at all.
_AUTHORITY_PRIORS = (
    ("affaires etrangeres", -1.0, "ministère des affaires étrangères"),
    ("ministere des armees", -1.0, "ministère des armées"),
)


@dataclass(frozen=True)
class Signal:
    points: float
    reason: str
    veto: bool = False  # the form of the act excludes it, whatever else it says


@dataclass(frozen=True)
class Selection:
    """The selection verdict with its evidence, before geography decides the scope."""

    retained: bool
    score: float
    signals: tuple[Signal, ...]
    reasons: tuple[str, ...]
    nominative: bool  # an individual measure (nomination, retirement…)
    local_function: bool  # …of an official for a territory (policy §3)
    designation: bool  # designates territories for a measure (policy §2.5)
    general: bool  # a law, an ordonnance or a constitutional decision


def assess(item: Item, evidence: Evidence) -> Selection:
    """Weigh every signal of an item and decide whether it is retained."""
    title = evidence.title_stream
    nominative = _is_nominative(item, fold(item.title))
    local_function = nominative and cues.LOCAL_FUNCTION_MATCHER.first(title) is not None
    designation = bool(cues.DESIGNATION_MATCHER.first(title + " | " + stream(
        evidence.notice_fields.get("objet", ""))))
    signals: list[Signal] = []
    general = _nature_signals(item, signals, nominative)
    signals += _section_signals(item, nominative, title)
    signals += _cue_signals(title, evidence, designation)
    signals += _authority_signals(item, evidence)
    signals += _vocabulary_signals(evidence, damp=0.5 if nominative else 1.0)
    signals += _code_signals(evidence, title)
    signals += _notice_signals(evidence)
    points = sum(signal.points for signal in signals)
    if any(signal.veto for signal in signals):
        points = min(points, RETAIN_AT - 1.0)
    retained = points >= RETAIN_AT
    return Selection(
        retained=retained, score=_score(points), signals=tuple(signals),
        reasons=_reasons(signals, retained), nominative=nominative,
        local_function=local_function, designation=designation, general=general,
    )


def _score(points: float) -> float:
    """0..1, one half or more exactly when retained; a logistic curve keeps it readable."""
    return 1.0 / (1.0 + math.exp(-(points - RETAIN_AT)))


def _is_nominative(item: Item, folded_title: str) -> bool:
    if "Mesures nominatives" in item.sections:
        return True
    return "Textes généraux" not in item.sections and bool(
        _NOMINATIVE_TITLE.search(folded_title))


def _nature_signals(item: Item, signals: list[Signal], nominative: bool) -> bool:
    """Laws, ordonnances and constitutional decisions; True when one of them."""
    kind = item.kind or _nor_nature(item.nor)
    if kind == "LOI":
        signals.append(Signal(4, "loi : retenue par principe, elle peut toucher les "
                                 "collectivités (politique §2.4)"))
        return True
    if kind == "ORDONNANCE":
        signals.append(Signal(3, "ordonnance : texte de valeur législative (politique §2.4)"))
        return True
    found = _CC_KINDS.match(item.title)
    codes = set(found.group(1).split()) if found else set()
    constitutional = "Conseil constitutionnel" in item.sections or bool(codes & {"DC", "QPC"})
    if not constitutional:
        if kind == "DECRET" and not nominative:
            signals.append(Signal(0.5, "décret : texte réglementaire"))
        return False
    if codes & {"DC", "QPC", "LP"}:
        label = "/".join(sorted(codes & {"DC", "QPC", "LP"}))
        signals.append(Signal(3, f"décision du Conseil constitutionnel ({label}) sur une loi "
                                 "(politique §2.4)"))
    else:
        signals.append(Signal(1, "décision du Conseil constitutionnel"))
    return True


def _nor_nature(nor: str) -> str:
    return NOR_NATURES.get(nor.strip()[-1:].upper(), "") if len(nor.strip()) == 12 else ""


def _section_signals(item: Item, nominative: bool, title: str) -> list[Signal]:
    parts = item.sections
    found: list[Signal] = []
    if nominative:
        what = "nomination individuelle" if "nomination" in title else "mesure individuelle"
        where = " (Mesures nominatives)" if "Mesures nominatives" in parts else ""
        found.append(Signal(-4, what + where))
        function = cues.LOCAL_FUNCTION_MATCHER.first(title)
        if function:
            found.append(Signal(cues.LOCAL_FUNCTIONS.points,
                                f"« {function} » : {cues.LOCAL_FUNCTIONS.reason}"))
    if "Conventions collectives" in parts:
        found.append(Signal(-8, "section Conventions collectives : accords du secteur privé",
                            veto=True))
    if "Informations parlementaires" in parts:
        found.append(Signal(-6, "information parlementaire", veto=True))
    if parts[:1] == ("Annonces",):
        found.append(Signal(-6, "annonce (section Annonces)", veto=True))
    if parts[:1] == ("Avis et communications",):
        found.append(Signal(-2, "avis et communications"))
    if "Textes généraux" in parts:
        found.append(Signal(1, "texte de portée générale (Textes généraux)"))
    return found


def _cue_signals(title: str, evidence: Evidence, designation: bool) -> list[Signal]:
    found = [Signal(cue.points, cue.reason, cue.veto)
             for cue in (cues.NEGATIVE[int(key)] for key in cues.NEGATIVE_MATCHER.count(title))]
    if designation:
        found.append(Signal(cues.DESIGNATION.points, cues.DESIGNATION.reason))
    if cues.FUNDING_MATCHER.first(title):
        points = cues.FUNDING.points if evidence.title.local_terms() else cues.FUNDING.points / 2
        found.append(Signal(points, cues.FUNDING.reason))
    if evidence.fpt_grade:
        found.append(Signal(4, f"grade de la fonction publique territoriale : "
                               f"« {evidence.fpt_grade} »"))
    return found


def _authority_signals(item: Item, evidence: Evidence) -> list[Signal]:
    found: list[Signal] = []
    name = evidence.authority_name
    weight = min(3.0, 0.5 * sum(term.local for _, term in evidence.authority.local_terms()))
    if weight:
        found.append(Signal(weight, f"émetteur : {name}"))
    folded = fold(name)
    found += [Signal(points, reason) for key, points, reason in _AUTHORITY_PRIORS if key in folded]
    direction = NOR_DIRECTIONS.get(item.nor.strip()[:4].upper())
    if direction and direction.local:
        found.append(Signal(direction.local, f"NOR {item.nor.strip()} : {direction.label}"))
    return found


def _quote(terms: list[tuple[str, Term]], limit: int = 3) -> str:
    return ", ".join(f"« {surface} »" for surface, _ in terms[:limit])


def _vocabulary_signals(evidence: Evidence, *, damp: float) -> list[Signal]:
    """Local-government vocabulary: strongest in the title, then notice, then text."""
    found: list[Signal] = []
    parts = ((evidence.title, 1.0, 6.0, "titre"), (evidence.notice, 0.75, 4.0, "notice"))
    if damp == 1.0:  # the text of a nomination names places and bodies, not rules
        parts += ((evidence.text, 0.4, 3.0, "texte"),)
    for source, factor, cap, where in parts:
        terms = source.local_terms()
        weight = min(cap, factor * damp * sum(term.local for _, term in terms))
        if weight:
            found.append(Signal(weight, f"vocabulaire des collectivités ({where}) : "
                                        + _quote(terms)))
    return found


def _code_signals(evidence: Evidence, title: str) -> list[Signal]:
    """Codes that local authorities apply; « modifie » when the title says so."""
    best: dict[str, Signal] = {}
    for name in evidence.title.codes:
        verb = "modifie" if re.search(r"\bmodifi", title) else "vise"
        best[name] = Signal(CODE_BY_NAME[name].local, f"{verb} le {name}")
    for source in (evidence.notice, evidence.text, evidence.cited):
        for name in source.codes:
            signal = Signal(0.6 * CODE_BY_NAME[name].local, f"cite le {name}")
            if name not in best or best[name].points < signal.points:
                best[name] = signal
    signals = sorted(best.values(), key=lambda s: -s.points)
    total = 0.0
    kept: list[Signal] = []
    for signal in signals:  # several codes add up, but not beyond a strong single signal
        points = min(signal.points, max(0.0, 6.0 - total))
        if points > 0:
            kept.append(Signal(points, signal.reason))
            total += points
    return kept


def _notice_signals(evidence: Evidence) -> list[Signal]:
    """« Publics concernés » is the author's own answer to the selection question."""
    publics = evidence.notice_fields.get("publics", "").strip()
    if not publics:
        return []
    weight = sum(term.local for _, term in evidence.publics.local_terms())
    weight += sum(cues.PUBLICS_EXTRA_WEIGHT[key] for key in cues.PUBLICS_EXTRA.count(
        stream(publics)))
    quoted = publics if len(publics) <= 110 else publics[:107].rsplit(" ", 1)[0] + "…"
    if weight:
        return [Signal(min(5.0, 1.5 * weight), f"Publics concernés : {quoted}")]
    return [Signal(-2, f"Publics concernés : {quoted} (aucune collectivité)")]


def _reasons(signals: list[Signal], retained: bool) -> tuple[str, ...]:
    """The strongest evidence for the verdict first, then the strongest against it."""
    pro = sorted((s for s in signals if (s.points > 0) == retained and s.points),
                 key=lambda s: (not s.veto, -abs(s.points)))
    con = sorted((s for s in signals if (s.points > 0) != retained and s.points),
                 key=lambda s: -abs(s.points))
    reasons = [s.reason for s in pro[:3]]
    if not retained and not pro:
        reasons.append("aucun indice suffisant d'effet sur les collectivités")
        reasons += [f"seul indice, trop faible : {s.reason}" for s in con[:2]]
    elif con and abs(con[0].points) >= 2:
        reasons.append(("malgré : " if retained else "bien que : ") + con[0].reason)
    return tuple(reasons)
