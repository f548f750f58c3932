"""``vigie show JORFTEXT…``: one text, for a person."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # (the analysis's records cost every command a twentieth of a second)
    from vigie.analysis.records import Decision
    from vigie.documents.models import Document
    from vigie.newsroom.models import EditorialItem


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("show", help="afficher un texte", description="Affiche un ou "
                            "plusieurs textes stockés, désignés par leur identifiant JORFTEXT "
                            "ou leur NOR.")
    parser.add_argument("ids", nargs="+", metavar="JORFTEXT",
                        help="identifiant (JORFTEXT…, NOR, question, dossier) ou article de la "
                        "rédaction (REDAC…)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from vigie.documents.display import render
    from vigie.documents.export import articles_of
    from vigie.documents.models import Document
    from vigie.newsroom import editorial

    status = 0
    for index, ident in enumerate(args.ids):
        article = editorial.by_uid(ident)  # an article of the newsroom (REDAC…)
        if article is not None:
            print(("\n" + "─" * 80 + "\n\n" if index else "") + render_article(article))
            continue
        doc = (Document.objects.filter(uid=ident).first()
               or Document.objects.filter(nor=ident).first())
        if doc is None:
            print(f"vigie : aucun texte « {ident} » dans la base.", file=sys.stderr)
            status = 1
            continue
        if index:
            print("\n" + "─" * 80 + "\n")
        print(render(doc, articles_of(doc)))
        decisions = decisions_of(doc)
        if decisions:
            print("\n" + decisions)
    return status


def decisions_of(doc: Document) -> str:
    """The decision in force, as pages and API show it: the newsroom's (« Décision de la
    rédaction ») with the machine's beside it when an editor overruled it; "" before any
    analysis."""
    from vigie.newsroom.audit import LABELS
    from vigie.newsroom.corrections import changes_of, decision_of, machine_decision

    decision, corrected = decision_of(doc)
    if decision is None:
        return ""
    if not corrected:
        return render_decision(decision)
    changed = ", ".join(label for key, label in LABELS.items() if key in changes_of(doc))
    return (newsroom_lines(decision, changed) + "\n\n"
            + render_decision(machine_decision(doc), "Décision de Vigie (remplacée par celle "
                              "de la rédaction)"))


def newsroom_lines(decision: Decision, changed: str) -> str:
    """The decision in force when the newsroom corrected it: what readers get (a text set
    aside says no more), and which fields the editors set; the reasons are the machine's,
    shown with its decision."""
    from vigie.reference.taxonomy import theme_label

    lines = ["Décision de la rédaction", f"  {verdict_of(decision)}",
             f"  Corrigé par la rédaction : {changed}"]
    if decision.retained:
        lines += [f"  Titre court : {decision.short_title}"] if decision.short_title else []
        lines += [f"  Thème : {theme_label(decision.theme)}"] if decision.theme else []
        lines += [f"  >> {line}" for line in decision.essentials]
    return "\n".join(lines)


def verdict_of(decision: Decision) -> str:
    if not decision.retained:
        return "Non retenu"
    return "Retenu pour " + ("toutes les éditions" if decision.scope == "national" else
                             "éditions des départements " + ", ".join(decision.departements))


def render_decision(decision: Decision, heading: str = "Analyse de Vigie") -> str:
    """A decision, in French, for a person."""
    from vigie.reference.french import french_date
    from vigie.reference.taxonomy import role_label, theme_label

    score = f"{decision.score:.2f}".replace(".", ",")  # (a French decimal comma)
    lines = [heading, f"  {verdict_of(decision)} (score {score})"]
    if decision.urgent:
        lines.append("  URGENT")
    if decision.short_title:
        lines.append(f"  Titre court : {decision.short_title}")
    if decision.theme:
        themes = [decision.theme, *decision.themes]
        lines.append("  Thèmes : " + ", ".join(theme_label(t) for t in themes))
    if decision.roles:
        lines.append("  Pour : " + ", ".join(role_label(r) for r in decision.roles))
    lines += ["  Pourquoi : " + reason for reason in decision.reasons]
    lines += [f"  {d.label} : {french_date(d.date)} ({d.evidence})" for d in decision.dates]
    lines += [f"  >> {line}" for line in decision.essentials]
    return "\n".join(lines)


def render_article(item: EditorialItem) -> str:
    """An article of the newsroom, in French, for a person."""
    from vigie.reference.french import french_date
    from vigie.reference.places import departement_label
    from vigie.reference.taxonomy import RUBRICS, role_label, theme_label

    places = ", ".join(departement_label(c) for c in item.departements) or "toutes les éditions"
    lines = [f"Article de la rédaction — {item.uid}", item.title, "",
             f"  Édition du {french_date(item.day)} · {RUBRICS.get(item.rubric, item.rubric)}",
             f"  Thème : {theme_label(item.theme)}", f"  Pour : {places}"]
    if item.roles:
        lines.append("  Lecteurs : " + ", ".join(role_label(r) for r in item.roles))
    if item.about:
        lines.append(f"  Commente : {item.about}")
    lines += [""] + [line.strip() for line in item.body.splitlines() if line.strip()]
    lines += [f"  Lien : {link.get('label') or link['url']} — {link['url']}"
              for link in item.links or ()]
    return "\n".join(lines)
