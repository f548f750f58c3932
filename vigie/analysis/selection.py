"""Selection: does a text matter to local authorities, and why (editorial policy).

A decision is a sum of named pieces of evidence, each with a French reason. The weights of the
pieces are learned from labelled issues (``weights``, written by ``vigie train``): the features
of the item (``features``: nature, rubric, issuer, title words, cues, vocabulary, codes) and the
policy's own evidence (``policy_signals``, below: the strength the editorial policy gives a
law, a designation of territories, the vocabulary of local government…), which counts as one
feature, « politique », whose learned weight says how far to trust it. A text is retained when
the sum reaches the learned threshold, chosen for the policy (« dans le doute, on retient »);
a form of act the policy excludes (§4: conventions collectives, délégations de signature…) is
never retained. The reasons shown are the pieces that weighed most, with the words found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigie.analysis import cues, portfolios
from vigie.analysis.actors import ACTOR_NONE
from vigie.analysis.evidence import CODE_BY_NAME, Evidence
from vigie.analysis.feature_labels import label
from vigie.analysis.features import (
    REGIONAL_VETO,
    Features,
    Structure,
    extract,
    item_nature,
)
from vigie.analysis.lexicon import NOR_DIRECTIONS, Term
from vigie.analysis.normalize import fold, stream
from vigie.analysis.reach import state_staff
from vigie.analysis.records import Item
from vigie.analysis.weights import Weights, probability, shipped
from vigie.parsing.clipping import clip

POLICY = "politique"  # the feature that carries the policy's evidence
POLICY_SCALE = 4.0  # policy points per unit of the feature
POLICY_NO_ACTOR = "politique:sans acteur local"  # the same, when the title names no local actor
# Levels of the policy's evidence, each a feature of its own (« politique:2 points »): the sum
# is a pile of small points (« Textes généraux » +1, « décret » +0.5, a word of the vocabulary)
# and a plain weight per point lets many small ones count as much as one strong one; a level
# reached lets the weights say how far a text with that much evidence goes, whatever adds up
# to it. Measured across 8 partitions of the inner folds (CHANGELOG): with the crossing of
# nature and rubric (``features``), 3 misses in each, 63 → 57 false alarms on average.
POLICY_LEVELS = (2.0, 4.0)
_MAX_REASONS = 3
_AGAINST = 0.3  # the strongest piece against the verdict is shown from this much on
_PRIOR_REASON = ("dans le doute, on retient : les indices ne suffisent pas à écarter le "
                 "texte")
_CC_KINDS = re.compile(r"^D[ée]cisions? n(?:°|os?)\s*[\d/-]+((?:\s+[A-Z]{1,4})+)\s+du\b")
_CC_OFF_LAW = -3.0
_CC_OFF_LAW_REASON = ("décision du Conseil constitutionnel qui ne juge pas une loi (élection, "
                      "délégalisation) : elle ne fixe aucune règle pour les collectivités")
# Ministries whose texts rarely concern local authorities; the others speak through their
# names' vocabulary (« aménagement du territoire », « logement ») or not at all.
_AUTHORITY_PRIORS = (
    # (portfolios, ``portfolios``: the same under each government's name)
    ("affaires etrangeres", -1.0, "ministère des affaires étrangères"),
    ("armees", -1.0, "ministère des armées"),
    # The public debate's decisions each bear on one located project (a line, a road, a
    # plant, a ZAC) that the communes and départements around it debate and plan for (§3).
    ("debat public", 1.5, "Commission nationale du débat public : un projet situé, débattu "
                          "avec les collectivités du territoire"),
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
    signals: tuple[Signal, ...]  # the policy's evidence
    reasons: tuple[str, ...]
    nominative: bool  # an individual measure (nomination, retirement…)
    local_function: bool  # …of an official for a territory (policy §3)
    designation: bool  # designates territories for a measure (policy §2.5)
    general: bool  # a law, an ordonnance or a constitutional decision
    margin: float = 0.0  # the sum minus the threshold
    features: Features | None = None


def features_of(item: Item, evidence: Evidence, *, overseas: bool = False,
                named_territory: bool = False,
                addressed: bool = False) -> tuple[Features, tuple[Signal, ...]]:
    """The features of an item, the policy's evidence among them (feature « politique »);
    ``addressed``: the item is put to its issuer, a minister (``features.extract``)."""
    features = extract(item, evidence, overseas=overseas, named_territory=named_territory,
                       addressed=addressed)
    signals = policy_signals(item, evidence, features.structure)
    total = sum(signal.points for signal in signals)
    if total:
        features.values[POLICY] = total / POLICY_SCALE
        # The policy's evidence is mostly the vocabulary of the domains local authorities work
        # in; when the title names no local authority, that vocabulary may belong to another
        # sector (health, transport, agriculture): its weight is learned apart.
        if ACTOR_NONE in features.values:
            features.values[POLICY_NO_ACTOR] = total / POLICY_SCALE
        for level in POLICY_LEVELS:
            if total >= level:
                features.values[policy_level(level)] = 1.0
    return features, signals


def policy_level(points: float) -> str:
    """The feature of a level of the policy's evidence (« politique:2 points »)."""
    return f"politique:{points:g} points"


def assess(features: Features, signals: tuple[Signal, ...], *,
           weights: Weights | None = None) -> Selection:
    """Weigh the features of an item (``features_of``) and decide whether it is retained."""
    weights = weights or shipped()
    structure = features.structure
    contributions = weights.contributions(features.values)  # read once: margin and reasons
    margin = weights.margin(contributions)
    retained = margin >= 0 and not structure.veto
    pieces = _pieces(weights, features, signals, contributions)
    return Selection(
        retained=retained, score=probability(margin if not structure.veto else min(margin, -1)),
        signals=signals, reasons=_reasons(pieces, retained, structure, features, weights),
        nominative=structure.nominative, local_function=structure.local_function,
        designation=structure.designation, general=structure.general, margin=margin,
        features=features,
    )


def policy_signals(item: Item, evidence: Evidence, structure: Structure) -> tuple[Signal, ...]:
    """The evidence the editorial policy names, each with the strength it gives it."""
    title = evidence.title_stream
    signals: list[Signal] = []
    _nature_signals(item, evidence, signals, structure.nominative)
    signals += _section_signals(item, structure, title)
    signals += _cue_signals(title, evidence, structure.designation)
    signals += _authority_signals(item, evidence)
    # The vocabulary of a text on the State's own staff names its ministry's field (« jeunesse
    # et sports »), not a rule local authorities apply (``reach``).
    damp = 0.0 if state_staff(item.title) else 0.5 if structure.nominative else 1.0
    signals += _vocabulary_signals(evidence, damp=damp)
    signals += _code_signals(evidence, title)
    signals += _notice_signals(evidence)
    return tuple(signals)


def _nature_signals(item: Item, evidence: Evidence, signals: list[Signal],
                    nominative: bool) -> None:
    """Laws, ordonnances and constitutional decisions on laws (§2.4)."""
    kind = item_nature(item)
    if kind == "LOI":
        signals.append(Signal(4, "loi : retenue par principe, elle peut toucher les "
                                 "collectivités"))
        return
    if kind == "ORDONNANCE":
        # Half a law's weight: §2.4 retains an ordonnance for its subject, and most are
        # written for one private sector (Brexit, banking, airports); the subject's own
        # evidence (vocabulary, actors) says when it touches local authorities.
        signals.append(Signal(1.5, "ordonnance : texte de valeur législative"))
        return
    found = _CC_KINDS.match(item.title)
    codes = set(found.group(1).split()) if found else set()
    constitutional = "Conseil constitutionnel" in item.sections or bool(codes & {"DC", "QPC"}) \
        or bool(codes and "constitutionnel" in fold(evidence.authority_name))
    if not constitutional:
        if kind == "DECRET" and not nominative:
            signals.append(Signal(0.5, "décret : texte réglementaire"))
        return
    if codes & {"DC", "QPC", "LP"}:
        label_ = "/".join(sorted(codes & {"DC", "QPC", "LP"}))
        signals.append(Signal(3, f"décision du Conseil constitutionnel ({label_}) sur une loi"))
    elif not codes:  # the kind is not in the title: the policy cannot tell
        signals.append(Signal(1, "décision du Conseil constitutionnel"))
    else:  # elections disputes (AN, SEN), délégalisation (L): no rule of theirs (§2.4)
        signals.append(Signal(_CC_OFF_LAW, _CC_OFF_LAW_REASON))


def _section_signals(item: Item, structure: Structure, title: str) -> list[Signal]:
    parts = item.sections
    found: list[Signal] = []
    if structure.nominative:
        what = "nomination individuelle" if "nomination" in title else "mesure individuelle"
        where = " (Mesures nominatives)" if "Mesures nominatives" in parts else ""
        found.append(Signal(-4, what + where))
        # a retirement or a promotion ends or changes a career, it fills no post (§4)
        function = structure.local_function and (
            cues.LOCAL_FUNCTION_MATCHER.first(title)
            or "conseil d'un organisme du territoire nommé")
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
    found = [Signal(cue.points, cue.reason, cue.veto) for cue in cues.negative(title)]
    if designation:
        found.append(Signal(cues.DESIGNATION.points, cues.DESIGNATION.reason))
    funding, planning = cues.funds_and_plans(title)
    if funding:
        points = cues.FUNDING.points if evidence.title.local_terms() else cues.FUNDING.points / 2
        found.append(Signal(points, cues.FUNDING.reason))
    if planning:
        found.append(Signal(cues.PLANNING.points, cues.PLANNING.reason))
    if evidence.fpt_grade:
        found.append(Signal(4, f"grade de la fonction publique territoriale : "
                               f"« {evidence.fpt_grade} »"))
    return found


def _authority_signals(item: Item, evidence: Evidence) -> list[Signal]:
    found: list[Signal] = []
    name = evidence.authority_name
    # A ministry weighs by its portfolios, whatever its government called it; another body
    # (an authority, a council) by the local-government words of its name.
    held = portfolios.portfolios(name)
    weight = portfolios.points(held) if held else min(3.0, 0.5 * sum(
        term.local for _, term in evidence.authority.local_terms()))
    if weight:
        found.append(Signal(weight, f"émetteur : {name}"))
    folded = fold(name)
    found += [Signal(points, reason) for key, points, reason in _AUTHORITY_PRIORS
              if key in held or key in folded]
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
    quoted = clip(publics, 110)
    if weight:
        return [Signal(min(5.0, 1.5 * weight), f"Publics concernés : {quoted}")]
    return [Signal(-2, f"Publics concernés : {quoted} (aucune collectivité)")]


# A piece of the sum: its amount, and the feature it comes from ("" for a policy signal) or
# the signal's reason. A feature's reason is written only when shown (``_said``).
_Piece = tuple[float, str, str | None]


def _pieces(weights: Weights, features: Features, signals: tuple[Signal, ...],
            contributions: dict[str, float] | None = None) -> list[_Piece]:
    """Each piece of the sum; the policy's share split by signal."""
    pieces: list[_Piece] = []
    if contributions is None:
        contributions = weights.contributions(features.values)
    for name, amount in contributions.items():
        if name == POLICY:
            pieces += [(amount * s.points / POLICY_SCALE / features.values[POLICY], "", s.reason)
                       for s in signals if s.points]
        elif amount:
            pieces.append((amount, name, None))
    return pieces


def _said(piece: _Piece, features: Features, weights: Weights) -> str:
    """The French reason of a piece."""
    return piece[2] if piece[2] is not None else _reason(piece[1], features, weights)


def _reason(name: str, features: Features, weights: Weights) -> str:
    reason = weights.labels.get(name) or label(name)
    found = features.evidence.get(name)
    if found and f"« {found.lower()} »" not in reason.lower():
        reason += f" (« {found} »)"
    return reason


def _reasons(pieces: list[_Piece], retained: bool, structure: Structure, features: Features,
             weights: Weights) -> tuple[str, ...]:
    """The pieces that weighed most for the verdict, then the strongest against it; and the
    learned starting point (bias minus threshold) when it is what tipped a text."""
    prior = weights.bias - weights.threshold
    ranked = sorted(pieces, key=lambda p: -abs(p[0]))  # (stable: each side keeps its order)
    pro = [p for p in ranked if (p[0] > 0) == retained]
    con = [p for p in ranked if (p[0] > 0) != retained]
    if structure.veto:  # the form of the act settles it
        pro = [p for p in pro if _said(p, features, weights) != structure.veto]
    if structure.veto == REGIONAL_VETO:  # its function is no function for a territory here
        con = [p for p in con if cues.LOCAL_FUNCTIONS.reason not in _said(p, features, weights)]
    reasons = [structure.veto] if structure.veto else []
    reasons += [_weighed(p) for p in _distinct(pro, _MAX_REASONS - len(reasons), features,
                                               weights)]
    if not retained and not pro:
        reasons.append("aucun indice suffisant d'effet sur les collectivités")
    if con and abs(con[0][0]) >= _AGAINST:
        strongest = (con[0][0], _said(con[0], features, weights))
        reasons.append(("malgré : " if retained else "bien que : ") + _weighed(strongest))
    # With a positive starting point, a text with little evidence either way is retained: when
    # that starting point weighs more than all the evidence together, say so rather than let a
    # few small generic pieces look like what decided it.
    if retained and not structure.veto and prior > 0 and sum(p[0] for p in pieces) < prior:
        reasons.append(_weighed((prior, _PRIOR_REASON)))
    return tuple(reasons)


def _distinct(pieces: list[_Piece], limit: int, features: Features,
              weights: Weights) -> list[tuple[float, str]]:
    """The first ``limit`` pieces with their reasons, a reason said once."""
    seen: set[str] = set()
    shown: list[tuple[float, str]] = []
    for piece in pieces:
        if len(shown) >= limit:
            break
        said = _said(piece, features, weights)
        if said not in seen:
            seen.add(said)
            shown.append((piece[0], said))
    return shown


def _weighed(piece: tuple[float, str]) -> str:
    return f"{piece[1]} ({piece[0]:+.1f})".replace(".", ",")


def leading_reasons(selection: Selection, *, weights: Weights | None = None,
                    limit: int = _MAX_REASONS, against: bool = False) -> tuple[str, ...]:
    """The learned pieces that weighed most for retaining an item (``against``: for leaving
    it out), whatever the verdict: shown when something else than the sum settles it (a
    BOAMP notice of a local buyer)."""
    if selection.features is None:
        return ()
    weights = weights or shipped()
    pieces = _pieces(weights, selection.features, selection.signals)
    sign = -1 if against else 1
    chosen = sorted((p for p in pieces if p[0] * sign > 0), key=lambda p: -abs(p[0]))
    return tuple(_weighed(p) for p in _distinct(chosen, limit, selection.features, weights))


def evidence_sum(selection: Selection, weights: Weights | None = None) -> float:
    """What the features of an item weigh together, without the bias."""
    if selection.features is None:
        return 0.0
    return sum((weights or shipped()).contributions(selection.features.values).values())
