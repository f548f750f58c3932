"""Selection of what has no Journal officiel behind it: news (« Actualité », « Infos RH »,
« Documentation »), BOAMP notices (« Marchés publics ») and aid schemes (« Financements »).

The same evidence, themes and roles as for the JO (``evidence.gather``, ``themes.classify``,
``dates.find_dates``), with each rubric's own rule, stated in the decision's reasons:

- news is retained when it speaks the vocabulary of local authorities (title first, then its
  summary or text); an « Infos RH » feed is about the territorial civil service by choice, so
  its items are retained and filed under that theme unless their words say otherwise;
- a BOAMP notice is retained for the département it is published in when its buyer is a
  local authority or one of its bodies (commune, EPCI, département, SDIS, CCAS, syndicat…),
  with its deadline as a key date;
- an aid scheme is retained when it targets local authorities and is still open, for the
  territory it covers (a département's aids in that edition, national ones in all), with its
  deadline as a key date: urgent when it closes within ``urgent_within_days`` days.

Pure: same item and same ``today``, same decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from vigie.analysis.dates import KeyDate, find_dates
from vigie.analysis.essentials import short_title
from vigie.analysis.evidence import Evidence, gather
from vigie.analysis.records import Decision, Item
from vigie.analysis.themes import Themes, classify
from vigie.reference.places import departement_label
from vigie.reference.taxonomy import roles_for, theme_label

NEWS, PROCUREMENT, FUNDING = ("actualite", "rh", "documentation"), "marches", "financements"
DEADLINE_LABELS = {PROCUREMENT: "Date limite de réponse", FUNDING: "Date limite de dépôt"}
# Buyers that are local authorities or their bodies, as BOAMP names them.
_LOCAL_BUYER = re.compile(
    r"\b(commune|ville|mairie|communaut[ée]|agglom[ée]ration|m[ée]tropole|d[ée]partement|"
    r"conseil d[ée]partemental|conseil r[ée]gional|r[ée]gion|sdis|service d[ée]partemental|"
    r"ccas|cias|centre (inter)?communal|syndicat|sivom|sivu|smictom|sictom|epci|"
    r"pays|p[ôo]le d'[ée]quilibre|office public de l'habitat|oph|territoire|"
    r"[ée]tablissement public territorial|collectivit[ée])\b", re.IGNORECASE)
# Audiences of an aid that are local authorities (Aides-territoires and providers' words).
_LOCAL_AUDIENCE = re.compile(r"commune|intercommunalit|epci|collectivit|d[ée]partement|"
                             r"r[ée]gion|syndicat", re.IGNORECASE)


@dataclass(frozen=True)
class OutsideItem:
    """What the selection reads of a news item, a notice or an aid."""

    rubric: str
    title: str
    text: str = ""  # summary or extracted text, notice descriptors, aid description
    source: str = ""  # the site, the buyer, the financer
    published: date | None = None
    departements: tuple[str, ...] = ()  # notice: of publication; aid: of its territory
    deadline: date | None = None
    audiences: tuple[str, ...] = ()  # aid: who may claim it
    national: bool = False  # aid: covers the whole country
    award: bool = False  # notice: an award, not a call for tenders
    nature: str = ""  # notice: « Avis de marché »…
    procedure: str = ""  # notice: « Procédure ouverte »…
    reasons: tuple[str, ...] = field(default=())  # said by storage (« vu aussi dans… »)


def decide(item: OutsideItem, *, today: date | None = None,
           urgent_within_days: int = 15) -> Decision:
    """Whether ``item`` enters the editions, which ones, under which theme, and why."""
    today = today or item.published or date.today()
    analysed = Item(title=item.title, ministry=item.source, text=item.text, date=item.published)
    evidence = gather(analysed)
    themes = classify(analysed, evidence, departements=item.departements)
    if item.rubric == PROCUREMENT:
        retained, scope, reasons, themes = _procurement(item, themes)
    elif item.rubric == FUNDING:
        retained, scope, reasons = _funding(item, today)
    else:
        retained, scope, reasons, themes = _news(item, evidence, themes)
    dates = _dates(item)
    urgent = retained and any(today <= d.date <= today + timedelta(days=urgent_within_days)
                              for d in dates if d.kind == "echeance")
    if urgent:
        reasons.append(f"urgent : {dates[0].label.lower()} le {dates[0].date:%d/%m/%Y}")
    if retained:
        reasons.append(themes.reason)
    local = scope == "local"
    return Decision(
        retained=retained, scope=scope if retained else "no",
        departements=item.departements if local else (), score=_score(evidence, item, retained),
        reasons=(*item.reasons, *reasons), theme=themes.theme, themes=themes.secondary,
        roles=themes.roles, dates=dates, urgent=urgent, short_title=short_title(item.title),
        essentials=_essentials(item),
    )


def _news(item: OutsideItem, evidence: Evidence, themes: Themes
          ) -> tuple[bool, str, list[str], Themes]:
    found = [surface for surface, _ in evidence.title.local_terms()]
    found += [s for s, _ in evidence.text.local_terms() if s not in found]
    if item.rubric == "rh" and themes.theme != "rh" and not found:
        themes = Themes("rh", (), roles_for(("rh",)), "thème « Ressources humaines et "
                        "fonction publique territoriale » : flux « Infos RH »")
    if found:
        words = ", ".join(f"« {w} »" for w in found[:3])
        return True, "national", [f"parle des collectivités : {words}"], themes
    if item.rubric == "rh":
        return True, "national", ["flux « Infos RH » : fonction publique territoriale"], themes
    return False, "no", ["aucun vocabulaire des collectivités dans le titre ni le résumé"], themes


def _procurement(item: OutsideItem, themes: Themes) -> tuple[bool, str, list[str], Themes]:
    secondary = tuple(t for t in (themes.theme, *themes.secondary)
                      if t != "commande_publique")[:2]
    chosen = Themes("commande_publique", secondary,
                    roles_for(("commande_publique", *secondary)),
                    f"thème « {theme_label('commande_publique')} » : avis du BOAMP")
    if not item.departements:
        return False, "no", ["avis sans département de publication"], chosen
    if not _LOCAL_BUYER.search(item.source):
        return (False, "no", [f"acheteur qui n'est pas une collectivité : {item.source}"],
                chosen)
    where = ", ".join(departement_label(d) for d in item.departements)
    what = "attribution d'un marché" if item.award else "marché"
    return True, "local", [f"{what} d'un acheteur public local ({item.source}) : {where}"], chosen


def _funding(item: OutsideItem, today: date) -> tuple[bool, str, list[str]]:
    targets = [a for a in item.audiences if _LOCAL_AUDIENCE.search(a)]
    if not targets:
        who = ", ".join(item.audiences) or "public non précisé"
        return False, "no", [f"aide qui ne vise pas les collectivités ({who})"]
    if item.deadline and item.deadline < today:
        return False, "no", [f"aide close le {item.deadline:%d/%m/%Y}"]
    reasons = [f"aide ouverte aux collectivités : {', '.join(targets[:3])}"]
    if item.departements and not item.national:
        where = ", ".join(departement_label(d) for d in item.departements)
        return True, "local", [*reasons, f"territoire de l'aide : {where}"]
    return True, "national", [*reasons, "aide nationale : toutes les éditions"]


def _dates(item: OutsideItem) -> tuple[KeyDate, ...]:
    if item.rubric in DEADLINE_LABELS and item.deadline:
        label = DEADLINE_LABELS[item.rubric]
        return (KeyDate(item.deadline, "echeance", label, f"{label} : "
                        f"{item.deadline:%d/%m/%Y}"),)
    if item.rubric in NEWS and item.text:
        return find_dates(item.text, publication=item.published)
    return ()


def _score(evidence: Evidence, item: OutsideItem, retained: bool) -> float:
    if not retained:
        return 0.0
    weight = sum(term.local for _, term in evidence.title.local_terms()) * 2 + sum(
        term.local for _, term in evidence.text.local_terms())
    base = 0.6 if item.rubric in (PROCUREMENT, FUNDING) else 0.4
    return round(min(1.0, base + 0.05 * weight), 3)


def _essentials(item: OutsideItem) -> tuple[str, ...]:
    if item.rubric == PROCUREMENT:
        lines = [f"Acheteur : {item.source}" if item.source else "",
                 " — ".join(p for p in (item.nature, item.procedure) if p)]
        return tuple(line for line in lines if line)
    if item.rubric == FUNDING:
        lines = [f"Porteur : {item.source}" if item.source else "",
                 f"Pour : {', '.join(item.audiences[:4])}" if item.audiences else ""]
        return tuple(line for line in lines if line)
    return ()
