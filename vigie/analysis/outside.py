"""Selection of what has no Journal officiel behind it: news (« Actualité », « Infos RH »,
« Documentation »), circulaires (« Circulaires et instructions »), BOAMP notices (« Marchés
publics ») and aid schemes (« Financements »).

The same learned, explained selection as for the JO decides: an item is read as a JO text is
(``features_of``, ``assess``, ``classify`` with the shipped weights), from what it offers — its
title, its summary in the place of a JO notice, the text extracted from its page in the place
of a JO text, its buyer or financer (not a news site) in the place of the issuer, the
audiences an aid names in the place of « Publics concernés » — and its reasons are the pieces
that weighed most, in French, with their weights. Each rubric adds only what its form
settles whatever the words (``_structure``):

- a BOAMP notice without a département is never retained; one whose buyer is a local
  authority or one of its bodies (commune, EPCI, département, SDIS, CCAS, syndicat…) concerns
  its département by definition and is retained there, the learned pieces still shown; any
  other buyer's notice only when what it buys clearly concerns local authorities (its
  features weigh at least ``OTHER_BUYER_BAR`` for it), for its département;
- an aid scheme that is closed, or whose audiences name no local authority, is not retained;
  one that local authorities may claim is retained by definition, for the territory it covers
  (a département's aids in that edition, national ones in all);
- a circulaire (the DILA's fund, a bulletin officiel's feed) is read as news is, its author in
  the place of the issuer; an abrogated one is not retained (it binds no one any more);
- news is retained when the learned selection says so; an « Infos RH » feed is about the
  territorial civil service by choice, so its items are filed under that theme unless their
  words say otherwise.

Where the learned sum decides, it must also owe the verdict to what the item shows: the
features' weights together must weigh for it. The learned bias is the JO's prior — a text of
the Journal officiel binds someone unless its form says otherwise, « dans le doute, on
retient » — which a news item or an aid of unknown audience has not earned. Features only a JO
text has (its sommaire rubric, its nature) are not counted against items that have none.

Deadlines are key dates (urgent within ``urgent_within_days`` days). Pure: same item, same
``today`` and same weights, same decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from vigie.analysis.dates import KeyDate, find_dates
from vigie.analysis.essentials import clipped, short_title
from vigie.analysis.evidence import gather
from vigie.analysis.records import Decision, Item
from vigie.analysis.selection import Selection, assess, evidence_sum, features_of, leading_reasons
from vigie.analysis.themes import Themes, classify
from vigie.analysis.weights import Weights
from vigie.parsing.clipping import first_sentence
from vigie.reference.french import euros
from vigie.reference.places import departement_label
from vigie.reference.taxonomy import roles_for, theme_label

NEWS, PROCUREMENT, FUNDING = ("actualite", "rh", "documentation"), "marches", "financements"
CIRCULAIRE = "circulaire"  # the kind of a circulaire of the DILA's fund (its ``details``)
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
# A notice of a buyer that is no local authority (a hospital, a State service) is retained
# only when what it buys clearly concerns local authorities: its features must weigh this much.
OTHER_BUYER_BAR = 1.0
# Features only a JO text can show: the sommaire's rubric and the act's nature; an item of a
# feed has neither, and their absence says nothing of it.
JO_ONLY = ("rubrique:aucune", "nature:INCONNUE")
# What the learned sum gives an item its form settles, when it would not have retained it:
# retained, but below the items the sum retains on its own.
_SETTLED_SCORE = 0.5


@dataclass(frozen=True)
class OutsideItem:
    """What the selection reads of a news item, a notice or an aid."""

    rubric: str
    title: str
    text: str = ""  # the text extracted from the item's page
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
    summary: str = ""  # the feed's summary, the notice's descriptors, the aid's description
    winners: tuple[str, ...] = ()  # award: to whom the contract went
    amount: float | None = None  # award: for how much (euros excluding VAT, as declared)
    kind: str = ""  # as stored: « article », « notice » (BOAMP), « contract » (DECP), « aid »,
    # « circulaire » (the DILA's fund)
    abrogated: bool = False  # circulaire: abrogated (``ETAT`` A)


@dataclass(frozen=True)
class Structure:
    """What an item's form settles whatever its words: ``retained`` True or False, or None
    when the learned sum decides; the scope it has when retained; the reasons."""

    retained: bool | None
    scope: str
    reasons: tuple[str, ...] = ()
    bar: float = 0.0  # what the item's features must weigh together, beyond the threshold


def as_item(item: OutsideItem) -> Item:
    """The item as the JO selection reads a text: its summary in the place of the notice,
    its audiences in the place of « Publics concernés », its buyer or financer as issuer."""
    notice = {"notice": item.summary}
    if item.audiences:
        notice["publics"] = ", ".join(item.audiences)
    # A news item's source is its feed or site, the same for all its items: it says what the
    # site is about, not whether this item binds local authorities.
    issuer = "" if item.rubric in NEWS else item.source
    return Item(title=item.title, ministry=issuer, text=item.text, date=item.published,
                notice={k: v for k, v in notice.items() if v})


def decide(item: OutsideItem, *, today: date | None = None, urgent_within_days: int = 15,
           weights: Weights | None = None) -> Decision:
    """Whether ``item`` enters the editions, which ones, under which theme, and why."""
    today = today or item.published or date.today()
    analysed = as_item(item)
    overseas = bool(item.departements) and all(
        code.startswith(("97", "98")) for code in item.departements)
    features, signals = features_of(analysed, gather(analysed), overseas=overseas)
    for name in JO_ONLY:
        features.values.pop(name, None)
    selection = assess(features, signals, weights=weights)
    shown = evidence_sum(selection, weights)
    themes = _themes(item, classify(features, weights=weights))
    structure = _structure(item, today)
    learned = selection.retained and shown > structure.bar
    retained = learned if structure.retained is None else structure.retained
    reasons = [*structure.reasons, *_learned(selection, structure, shown, weights)]
    dates = _dates(item)
    urgent = retained and any(today <= d.date <= today + timedelta(days=urgent_within_days)
                              for d in dates if d.kind == "echeance")
    if urgent:
        reasons.append(f"urgent : {dates[0].label.lower()} le {dates[0].date:%d/%m/%Y}")
    if retained:
        reasons.append(themes.reason)
    local = retained and structure.scope == "local"
    score = (0.0 if structure.retained is False else _SETTLED_SCORE
             if retained and not learned else selection.score if learned
             else min(selection.score, 0.49))
    return Decision(
        retained=retained, scope=structure.scope if retained else "no",
        departements=item.departements if local else (),
        score=round(score, 3),
        reasons=(*item.reasons, *reasons), theme=themes.theme, themes=themes.secondary,
        roles=themes.roles, dates=dates, urgent=urgent, short_title=short_title(item.title),
        essentials=_essentials(item),
    )


def _learned(selection: Selection, structure: Structure, shown: float,
             weights: Weights | None) -> tuple[str, ...]:
    """The learned reasons: the verdict's own when the sum decides or agrees; the pieces
    that weighed for the item when its form retains what the sum would not; when only the
    JO's prior would retain it, the pieces against it."""
    if structure.retained is False:
        return ()
    learned = selection.retained and shown > structure.bar
    if structure.retained and not learned:
        found = leading_reasons(selection, weights=weights)
        return tuple(f"indice appris : {reason}" for reason in found)
    if selection.retained and not learned:
        against = leading_reasons(selection, weights=weights, against=True, limit=2)
        what = ("rien de ce qu'il montre ne pèse pour les collectivités" if not structure.bar
                else "ce qu'il achète ne concerne pas nettement les collectivités")
        return (f"{what} (somme des indices {shown:+.2f})".replace(".", ","), *against)
    return selection.reasons


def _structure(item: OutsideItem, today: date) -> Structure:
    if item.rubric == PROCUREMENT:
        return _procurement(item)
    if item.rubric == FUNDING:
        return _funding(item, today)
    if item.abrogated:  # its words may concern local authorities: it binds no one any more
        return Structure(False, "national", (
            "circulaire abrogée : elle ne s'applique plus, elle n'est pas montrée comme une "
            "nouveauté",))
    return Structure(None, "national")


def _themes(item: OutsideItem, themes: Themes) -> Themes:
    if item.rubric == PROCUREMENT:
        secondary = tuple(t for t in (themes.theme, *themes.secondary)
                          if t != "commande_publique")[:2]
        return Themes("commande_publique", secondary,
                      roles_for(("commande_publique", *secondary)),
                      f"thème « {theme_label('commande_publique')} » : {_bought(item)}")
    if item.rubric == "rh" and themes.theme != "rh":
        secondary = tuple(t for t in (themes.theme, *themes.secondary) if t != "rh")[:2]
        return Themes("rh", secondary, roles_for(("rh", *secondary)),
                      "thème « Ressources humaines et fonction publique territoriale » : "
                      "flux « Infos RH »")
    return themes


def _bought(item: OutsideItem) -> str:
    """What a procurement item is, as its reason names it."""
    return ("marché attribué (données essentielles, DECP)" if item.kind == "contract"
            else "avis du BOAMP")


def _procurement(item: OutsideItem) -> Structure:
    if not item.departements:
        return Structure(False, "no", ("avis sans département de publication",))
    where = ", ".join(departement_label(d) for d in item.departements)
    what = "attribution d'un marché" if item.award else "marché"
    if _LOCAL_BUYER.search(item.source):
        return Structure(True, "local", (f"{what} d'un acheteur public local "
                                         f"({item.source}) : {where}",))
    return Structure(None, "local", (f"{what} d'un acheteur qui n'est pas une collectivité "
                                     f"({item.source or 'non précisé'}) : {where}",),
                     bar=OTHER_BUYER_BAR)


def _funding(item: OutsideItem, today: date) -> Structure:
    if item.deadline and item.deadline < today:
        return Structure(False, "no", (f"aide close le {item.deadline:%d/%m/%Y}",))
    targets = [a for a in item.audiences if _LOCAL_AUDIENCE.search(a)]
    if item.audiences and not targets:
        who = ", ".join(item.audiences)
        return Structure(False, "no", (f"aide qui ne vise pas les collectivités ({who})",))
    local = bool(item.departements) and not item.national
    scope = "local" if local else "national"
    where = (f"territoire de l'aide : {', '.join(departement_label(d) for d in item.departements)}"
             if local else "aide nationale : toutes les éditions")
    if not targets:  # audiences not said: the words decide
        return Structure(None, scope, (where,))
    return Structure(True, scope, (f"aide ouverte aux collectivités : {', '.join(targets[:3])}",
                                   where))


def _dates(item: OutsideItem) -> tuple[KeyDate, ...]:
    if item.rubric in DEADLINE_LABELS and item.deadline:
        label = DEADLINE_LABELS[item.rubric]
        return (KeyDate(item.deadline, "echeance", label, f"{label} : "
                        f"{item.deadline:%d/%m/%Y}"),)
    body = "\n".join(part for part in (item.summary, item.text) if part)
    if item.rubric in NEWS and body:
        return find_dates(body, publication=item.published)
    return ()


def _essentials(item: OutsideItem) -> tuple[str, ...]:
    if item.rubric == PROCUREMENT:
        lines = [f"Acheteur : {item.source}" if item.source else "",
                 " — ".join(p for p in (item.nature, item.procedure) if p), _awarded(item)]
        return tuple(line for line in lines if line)
    if item.rubric == FUNDING:
        lines = [f"Porteur : {item.source}" if item.source else "",
                 f"Pour : {', '.join(item.audiences[:4])}" if item.audiences else ""]
        return tuple(line for line in lines if line)
    if item.kind == CIRCULAIRE and item.summary:
        # The résumé is the DILA's, under the Licence Ouverte like the rest of the fund, and
        # the only body the XML gives (the circulaire itself is a PDF): its first sentence
        # says what the circulaire asks, as a text's operative sentence does.
        return (clipped(first_sentence(item.summary).strip()),)
    return ()


def _awarded(item: OutsideItem) -> str:
    """« Attribué à DEPITRE DÉVELOPPEMENT pour 47 600,87 € HT » ("" when not awarded)."""
    if not item.winners:
        return ""
    who = ", ".join(item.winners[:3]) + (" et autres" if len(item.winners) > 3 else "")
    return f"Attribué à {who}" + (f" pour {euros(item.amount)} HT" if item.amount else "")
