"""Selection of court decisions (« Jurisprudence »): whether one matters to local authorities,
for which editions, under which theme, and why — each reason one line a reader can check.

A decision is retained when a local authority or one of its bodies is a party, or when it
rules on a matter local authorities run or answer for (``case_cues``); otherwise not, and the
reason says so with its chamber. Nothing is learned from the sample lists: the evidence is
who the parties are and what the decision rules on, as the editorial policy reads it.

A decision of the Cour de cassation is national (every edition); one of a cour d'appel
belongs to the editions of the départements of its whole ressort (``reference.courts``: the
Cour d'appel de Chambéry to the Savoie's and the Haute-Savoie's), one of a tribunal to the
edition of the département of its seat. A commune that is a party is named as a territory, so
that its département's edition flags the decision « Dans votre département ».

The theme is the one of the matters found (the most of them, the taxonomy's order breaking
ties); a decision retained for its parties alone takes the theme the learned classifier reads
in its sommaire and themes. Essentials: the solution, the sommaire (without one, the
Court's own answer, ``case_answer``), the decision's own themes.
Pure: same item, same decision.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date

from vigie.analysis.case_answer import court_answer
from vigie.analysis.case_cues import Found, matters, parties
from vigie.analysis.essentials import clipped
from vigie.analysis.evidence import gather
from vigie.analysis.records import Decision, Item, Territory
from vigie.analysis.selection import features_of
from vigie.analysis.themes import classify
from vigie.reference.courts import appeal_ressort
from vigie.reference.geography import load_geo, normalize
from vigie.reference.places import departement_label
from vigie.reference.taxonomy import THEMES, roles_for, theme_label

CASE_LAW = "jurisprudence"
_ORDER = {slug: index for index, slug in enumerate(THEMES)}
# How surely it matters: a party is the surest sign, a matter of the law next, a word of the
# sommaire (« une commune ») last.
PARTY_SCORE, MATTER_SCORE, WEAK_SCORE = 0.8, 0.7, 0.55


@dataclass(frozen=True)
class CaseLawItem:
    """What the selection reads of a stored decision."""

    title: str  # what it is about (its themes, else its sommaire's start; "" if neither)
    court: str  # « Cour de cassation », « Cour d'appel de Chambéry »
    official: str = ""  # « Cour de cassation, Troisième chambre civile, 1er octobre 2020, n° … »
    chamber: str = ""
    decided: date | None = None
    published: date | None = None
    solution: str = ""
    summary: str = ""  # the sommaire
    themes: tuple[str, ...] = ()  # the decision's own (Judilibre's)
    titles: tuple[str, ...] = ()  # the titles of its sommaires
    visa: tuple[str, ...] = ()  # the articles applied
    parties: str = ""  # the opening of its text, where the parties are named
    reasons: str = ""  # its reasoning, or the search's excerpts
    departements: tuple[str, ...] = ()  # of the court's seat (local courts)
    seat: str = ""  # the commune where the court sits

    @property
    def ruled(self) -> str:
        """What the decision rules on, as it says it."""
        return "\n".join((self.summary, " ; ".join(self.themes), " ; ".join(self.titles),
                          " ; ".join(self.visa)))


def decide(item: CaseLawItem) -> Decision:
    """Whether ``item`` enters the editions, which ones, under which theme, and why."""
    who = parties(item.parties)
    what = matters(item.ruled, item.reasons)
    strong = [f for f in what if f.theme and f.label not in _WEAK]
    retained = bool(who or what)
    theme, secondary, theme_reason = _theme(item, what)
    reasons = _evidence(item, who, what)
    places = editions_of(item)
    local = retained and bool(places)
    if retained:
        reasons.append(_where(item, places))
        reasons.append(theme_reason)
    score = PARTY_SCORE if who else MATTER_SCORE if strong else WEAK_SCORE if what else 0.0
    return Decision(
        retained=retained, scope=("local" if local else "national") if retained else "no",
        departements=places if local else (), score=score,
        reasons=tuple(reasons), theme=theme, themes=secondary,
        roles=roles_for((theme, *secondary)), short_title=_headline(item, who, what),
        essentials=_essentials(item), territories=_territories(who) if retained else (),
    )


_COMMUNE = re.compile(r"(?:commune(?: nouvelle)?|ville)\s+(de la |de l['’]|du |des |de |d['’])"
                      r"\s*(.+)$", re.IGNORECASE)
_ARTICLES = {"de la ": "La ", "du ": "Le ", "des ": "Les ", "de l'": "L'"}
_WEAK = frozenset({"une commune", "le maire"})


def _evidence(item: CaseLawItem, who: tuple[Found, ...], what: tuple[Found, ...]) -> list[str]:
    """The reasons that say why, as the decision wrote it."""
    reasons = []
    if who:
        named = ", ".join(f"{f.written} ({f.label})" for f in who)
        reasons.append(f"collectivité ou organisme local parmi les parties : {named}")
    if what:
        shown = ", ".join(f"{f.label} (« {f.written} »)" if f.written.lower() != f.label
                          else f.label for f in what[:4])
        reasons.append(f"la décision porte sur : {shown}")
    if not (who or what):
        where = f"{item.court}, {item.chamber}" if item.chamber else item.court
        reasons.append(f"ni collectivité parmi les parties, ni matière propre aux collectivités "
                       f"({where})")
    return reasons


def _headline(item: CaseLawItem, who: tuple[Found, ...], what: tuple[Found, ...]) -> str:
    """The decision's subject; without one, what it was retained for, with its court and
    solution (« Code de l'urbanisme (Cour de cassation, rejet) »), else its official title."""
    if item.title:
        return item.title
    found = (what or who)[:1]
    if not found:
        return item.official or item.court
    label = found[0].label if what else found[0].written
    said = ", ".join(p for p in (item.court, item.solution.lower()) if p)
    return f"{label[:1].upper()}{label[1:]} ({said})"


def editions_of(item: CaseLawItem) -> tuple[str, ...]:
    """The départements whose editions a local court's decision goes to: a cour d'appel's
    whole ressort, another court's seat; () for the Cour de cassation or a seat unknown."""
    return appeal_ressort(item.court) or item.departements


def _where(item: CaseLawItem, places: tuple[str, ...]) -> str:
    named = ", ".join(departement_label(code) for code in places)
    if places and appeal_ressort(item.court):
        return (f"décision d'une cour d'appel ({item.court}) : éditions des départements de son "
                f"ressort, {named}")
    if places:
        return f"décision d'une juridiction locale ({item.court}) : édition du département {named}"
    if item.seat or item.court != "Cour de cassation":
        return f"{item.court} : siège non reconnu, toutes les éditions"
    return "décision de la Cour de cassation : toutes les éditions"


def _theme(item: CaseLawItem, what: tuple[Found, ...]) -> tuple[str, tuple[str, ...], str]:
    """Main theme, secondary ones, and the reason: from the matters found, else learned."""
    counted = Counter(f.theme for f in what if f.label not in _WEAK) or Counter(
        f.theme for f in what)
    if counted:
        ranked = sorted(counted, key=lambda t: (-counted[t], _ORDER.get(t, 99)))
        main = ranked[0]
        cues = ", ".join(f.label for f in what if f.theme == main)
        return main, tuple(ranked[1:3]), f"thème « {theme_label(main)} » : {cues}"
    analysed = Item(title=item.title, ministry=item.court, text=item.summary,
                    date=item.decided, notice={"notice": item.summary} if item.summary else {})
    features, _ = features_of(analysed, gather(analysed))
    themes = classify(features)
    return themes.theme, themes.secondary, themes.reason


def _essentials(item: CaseLawItem) -> tuple[str, ...]:
    """The solution, the sommaire (else the Court's own answer), the decision's own themes
    (at most three lines)."""
    answer = "" if item.summary else court_answer(item.reasons)
    lines = [f"Solution : {item.solution}" if item.solution else "",
             clipped(f"Sommaire : {item.summary}") if item.summary else "",
             clipped(f"Réponse de la Cour : {answer}") if answer else "",
             clipped(f"Matières : {', '.join(item.themes[:6])}") if item.themes else ""]
    return tuple(line for line in lines if line)


def _territories(who: tuple[Found, ...]) -> tuple[Territory, ...]:
    """The communes among the parties that the COG knows by that name, and only one."""
    geo, found = load_geo(), []
    for party in who:
        match = _COMMUNE.search(party.written) if party.label == "commune" else None
        if match is None:
            continue
        article = _ARTICLES.get(match.group(1).lower().replace("’", "'"), "")
        entries = [e.commune for e in geo.commune_names.get(normalize(article + match.group(2)),
                                                            ()) if e.current]
        if len(entries) == 1:
            commune = entries[0]
            found.append(Territory("commune", commune.code, commune.name, commune.departement))
    return tuple(found)
