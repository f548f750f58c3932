"""``vigie show JORFTEXT…``: one text, for a person."""

from __future__ import annotations

import argparse
import sys

from vigie.analysis.records import Decision


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("show", help="afficher un texte", description="Affiche un ou "
                            "plusieurs textes stockés, désignés par leur identifiant JORFTEXT "
                            "ou leur NOR.")
    parser.add_argument("ids", nargs="+", metavar="JORFTEXT")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from vigie.analysis.store import stored_decision
    from vigie.documents.display import render
    from vigie.documents.export import articles_of
    from vigie.documents.models import Document

    status = 0
    for index, ident in enumerate(args.ids):
        doc = (Document.objects.filter(uid=ident).first()
               or Document.objects.filter(nor=ident).first())
        if doc is None:
            print(f"vigie : aucun texte « {ident} » dans la base.", file=sys.stderr)
            status = 1
            continue
        if index:
            print("\n" + "─" * 80 + "\n")
        print(render(doc, articles_of(doc)))
        decision = stored_decision(doc)
        if decision:
            print("\n" + render_decision(Decision.from_json(decision)))
    return status


def render_decision(decision: Decision) -> str:
    """The stored analysis, in French, for a person."""
    from vigie.reference.taxonomy import role_label, theme_label

    if decision.retained:
        scope = "toutes les éditions" if decision.scope == "national" else (
            "éditions des départements " + ", ".join(decision.departements))
        verdict = f"Retenu pour {scope}"
    else:
        verdict = "Non retenu"
    lines = ["Analyse de Vigie", f"  {verdict} (score {decision.score:.2f})"]
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
    lines += [f"  {d.label} : {d.date.isoformat()} ({d.evidence})" for d in decision.dates]
    lines += [f"  >> {line}" for line in decision.essentials]
    return "\n".join(lines)
