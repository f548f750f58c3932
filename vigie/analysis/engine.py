"""The analysis engine: one ``Item`` in, one explained ``Decision`` out.

Combines selection (is it retained, how surely), geography (which territories, hence national
or local scope, policy §3), themes and roles, key dates and urgency, and the newsroom short
title with its essentials. Pure: same item and same ``today``, same decision.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from vigie.analysis.constitutional import read_ruling
from vigie.analysis.dates import KeyDate, find_dates, is_urgent
from vigie.analysis.essentials import MAX_ESSENTIALS, short_title
from vigie.analysis.essentials import essentials as essentials_of
from vigie.analysis.evidence import TEXT_LIMIT, Evidence, gather
from vigie.analysis.features import Features
from vigie.analysis.listing import (
    CATNAT,
    COMMUNES_IN_TITLE,
    count,
    designation_summary,
    key_figure,
    listed_communes,
    unidentified_reason,
)
from vigie.analysis.normalize import from_line_start
from vigie.analysis.reach import every_one_of_a_kind, one_place
from vigie.analysis.records import CommuneLine, Decision, Item
from vigie.analysis.selection import Selection, Signal, assess, features_of
from vigie.analysis.territories import Territory, find_territories, read_places
from vigie.analysis.themes import classify
from vigie.analysis.weights import Weights
from vigie.reference.french import french_date
from vigie.reference.geography import load_geo

_MAX_NAMED = 4
_OVERSEAS = ("97", "98")
TO_BE_SPECIFIED = "territoire à préciser"
# Key dates are stated in the notice and the articles; annex tables list periods (a catastrophe
# naturelle has one per commune) that are no deadline for the reader and cost time to read.
_ANNEXES = from_line_start(re.compile(r"^\s*ANNEXES?\b", re.MULTILINE))  # ("\n" + text)
# A concours, an examen professionnel or a liste d'aptitude of the fonction publique
# territoriale is open to candidates from anywhere (policy §2.3): the département of the centre
# de gestion that organises it says where, not whom it is for.
_RECRUITMENT = re.compile(r"\b(?:concours|examens?\s+professionnels?|listes?\s+d['’]aptitude)\b",
                          re.IGNORECASE)
_TERRITORIAL = re.compile(r"\bcentres?\s+(?:\w+\s+){0,2}de\s+gestion\b(?!\s+financi)"
                          r"|\bterritoria(?:l|le|ux|les)\b", re.IGNORECASE)


def analyse(item: Item, *, today: date | None = None, urgent_within_days: int = 15,
            weights: Weights | None = None) -> Decision:
    """Decide whether ``item`` matters to local authorities, for whom, and why.

    ``today`` anchors urgency (default: the item's publication date, else the current day);
    ``weights`` are the shipped ones unless given (cross-validation gives each fold its own).
    """
    evidence = gather(item)
    in_title = find_territories("", title=item.title)
    selection = assess(*item_features(item, evidence, in_title), weights=weights)
    places = read_places(item.text, title=item.title) if item.text else None
    territories = places.territories if places else in_title
    communes = listed_communes(places, designation=selection.designation,
                               title=item.title) if places else ()
    scope, departements, scope_reasons = _scope(selection, in_title, territories, item.title,
                                                communes)
    themes = classify(selection.features, weights=weights)
    dates = find_dates(_dated_text(item, evidence.notice_fields), publication=item.date)
    urgent, urgency_reason = _urgency(selection, item, dates, territories,
                                      today or item.date or date.today(), urgent_within_days)
    headline, found, missing, read = _newsroom(item, evidence.notice_fields)
    figure = key_figure(communes, title=item.title) if selection.designation else ""
    if figure:  # the measure in one figure, before the sentences that explain it
        found, missing = (figure, *found)[:MAX_ESSENTIALS], ""
    reasons = [*selection.reasons, *scope_reasons]
    if selection.retained:
        reasons.append(themes.reason)
    reasons += [reason for reason in (urgency_reason, missing, read,
                                      unidentified_reason(communes)) if reason]
    return Decision(
        retained=selection.retained, scope=scope, departements=departements,
        score=selection.score, reasons=tuple(reasons), theme=themes.theme,
        themes=themes.secondary, roles=themes.roles, territories=territories, dates=dates,
        urgent=urgent, short_title=headline, essentials=found,
        communes=communes,
    )


def item_features(
    item: Item, evidence: Evidence | None = None, in_title: Sequence[Territory] | None = None,
) -> tuple[Features, tuple[Signal, ...]]:
    """The features the weights apply to (training reads them here too, so that learning and
    deciding see exactly the same), with the policy's evidence they sum up."""
    evidence = evidence or gather(item)
    in_title = find_territories("", title=item.title) if in_title is None else in_title
    named = departements_of(in_title)
    return features_of(item, evidence, named_territory=bool(in_title),
                       overseas=bool(named) and all(code.startswith(_OVERSEAS) for code in named))


def _newsroom(item: Item, notice: dict[str, str]) -> tuple[str, tuple[str, ...], str, str]:
    """(short title, essentials, why none, what was read for them): a decision of the Conseil
    constitutionnel by what it judges and decides (``analysis.constitutional``), any other
    text by its title and sentences (``analysis.essentials``)."""
    ruling = read_ruling(item)
    found, missing = essentials_of(item, notice)
    if ruling is None:
        return short_title(item.title), found, missing, ""
    if ruling.essentials:
        found, missing = ruling.essentials[:MAX_ESSENTIALS], ""
    return ruling.headline or short_title(item.title), found, missing, ruling.reason


def _dated_text(item: Item, notice: dict[str, str]) -> str:
    body = item.text[:TEXT_LIMIT]
    annexes = _ANNEXES.search("\n" + body) if "ANNEXE" in body else None  # (literal: cheap)
    body = body[: annexes.start()] if annexes else body
    return "\n".join((item.title, notice.get("entree_en_vigueur", ""), body))


def _scope(selection: Selection, in_title: Sequence[Territory],
           territories: Sequence[Territory], title: str,
           communes: Sequence[CommuneLine] = ()) -> tuple[str, tuple[str, ...], list[str]]:
    """National, local (effect limited to named territories) or no, with the départements.

    A local text whose territory cannot be worked out (a nomination for a place the title does
    not name, two towns of a size that could both be meant) keeps its scope and no
    département, and says « territoire à préciser »: the editions give it to the national
    edition, so that nothing retained is lost (it is no news for every département)."""
    scope, departements, reasons = _local_or_national(selection, in_title, territories, title,
                                                      communes)
    if scope == "local" and not departements:
        reasons = [f"{TO_BE_SPECIFIED} : {reasons[0]}" if reasons else TO_BE_SPECIFIED]
    return scope, departements, reasons


def _local_or_national(selection: Selection, in_title: Sequence[Territory],
                       territories: Sequence[Territory], title: str,
                       communes: Sequence[CommuneLine]) -> tuple[str, tuple[str, ...], list[str]]:
    if not selection.retained:
        return "no", (), []
    if selection.general:
        return "national", (), []
    if _RECRUITMENT.search(title) and _TERRITORIAL.search(title):
        return "national", departements_of(in_title), [_recruitment_reason(in_title)]
    if selection.designation:
        departements = departements_of(territories)
        return "national", departements, ([_designation_reason(territories, communes)]
                                          if territories or communes else [])
    if selection.local_function:
        # The title names the post; the text also names the previous one (« M. X, sous-préfet
        # de Bayonne, est nommé sous-préfet de Vierzon »), which is no news for Bayonne.
        posts = in_title or territories
        return "local", departements_of(posts), [_local_reason(posts, "nomination pour")]
    if in_title and not every_one_of_a_kind(title):
        return "local", departements_of(in_title), [_local_reason(in_title, "limité à")]
    if territories and COMMUNES_IN_TITLE.search(title):
        return "local", departements_of(territories), [_local_reason(territories, "communes de")]
    located = one_place(title, selection.features.values)
    if located:  # policy §3: a public debate, a site, a transfer to one collectivité
        return "local", departements_of(territories), [
            _local_reason(territories, located) if territories else located]
    return "national", (), []


def departements_of(territories: Sequence[Territory]) -> tuple[str, ...]:
    """INSEE codes of the départements covered: a région counts for all of its own.

    Policy §3 gives a local item to the editions of the territories it names. A région named
    (« préfet de la région Bretagne », « directeur régional … d'Occitanie ») is such a
    territory as a whole: the préfet de région allocates regional credits (DSIL, contrat de
    plan) and leads the regional services for every département of it, so each edition of the
    région has the news, not only the one of the regional préfecture. A département named too
    (« …, préfet d'Ille-et-Vilaine ») is already among them.
    """
    geo = load_geo()
    codes: set[str] = set()
    for territory in territories:
        if territory.kind == "departement":
            codes.add(territory.code)
        elif territory.kind == "region":
            codes |= {d.code for d in geo.departements.values() if d.region == territory.code}
        elif territory.departement:
            codes.add(territory.departement)
        elif territory.kind == "epci" and territory.code in geo.epcis:
            codes |= set(geo.epcis[territory.code].departements)
    return tuple(sorted(code for code in codes if code))


def _designation_reason(territories: Sequence[Territory],
                        listed: Sequence[CommuneLine] = ()) -> str:
    """« désigne 700 communes de 71 départements (dont 1 non identifiée) »: the communes the
    text lists when it lists some, else those it names."""
    if listed:
        return designation_summary(listed)
    communes = [t for t in territories if t.kind == "commune"]
    departements = departements_of(territories)
    if communes:
        return (f"désigne {count(len(communes), 'commune')} de "
                f"{count(len(departements), 'département')}")
    return f"désigne des territoires de {count(len(departements), 'département')}"


def _recruitment_reason(where: Sequence[Territory]) -> str:
    named = f" (organisé : {', '.join(_named(t) for t in where[:_MAX_NAMED])})" if where else ""
    return ("recrutement de la fonction publique territoriale, ouvert aux candidats de toute "
            f"la France{named}")


def _local_reason(territories: Sequence[Territory], lead: str) -> str:
    if not territories:
        return f"{lead} un territoire que le sommaire ne précise pas"
    shown = [t for t in territories if t.kind in ("departement", "region")] or list(territories)
    names = ", ".join(_named(t) for t in shown[:_MAX_NAMED])
    more = f" et {len(shown) - _MAX_NAMED} autres" if len(shown) > _MAX_NAMED else ""
    return f"{lead} : {names}{more}"


def _named(territory: Territory) -> str:
    if territory.kind == "region":
        return f"{territory.name} ({', '.join(departements_of((territory,)))})"
    code = territory.code if territory.kind == "departement" else territory.departement
    return f"{territory.name} ({code})" if code else territory.name



def _urgency(selection: Selection, item: Item, dates: Sequence[KeyDate],
             territories: Sequence[Territory], today: date, within: int) -> tuple[bool, str]:
    """Urgent: something applies or is due within ``within`` days, or a catastrophe naturelle."""
    if not selection.retained:
        return False, ""
    horizon = today + timedelta(days=within)
    if is_urgent(dates, today=today, within_days=within):
        soon = sorted((d for d in dates if today <= d.date <= horizon),
                      key=lambda d: (d.kind == "date", d.date))
        if soon:
            label = soon[0].label[:1].lower() + soon[0].label[1:]
            return True, f"urgent : {label} le {french_date(soon[0].date)}"
        return True, f"urgent : échéance à moins de {within} jours"
    if territories and CATNAT.search(item.title):
        return True, "urgent : état de catastrophe naturelle reconnu pour des communes nommées"
    return False, ""


