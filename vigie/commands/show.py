"""``vigie show JORFTEXT…``: one text, for a person."""

from __future__ import annotations

import argparse
import sys


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
            print("\n" + render_decision(decision))
    return status


def render_decision(decision: dict) -> str:
    """The stored analysis, in French, for a person."""
    from vigie.reference.taxonomy import role_label, theme_label

    if decision.get("retained"):
        scope = "toutes les éditions" if decision.get("scope") == "national" else (
            "éditions des départements " + ", ".join(decision.get("departements") or []))
        verdict = f"Retenu pour {scope}"
    else:
        verdict = "Non retenu"
    lines = ["Analyse de Vigie", f"  {verdict} (score {decision.get('score', 0):.2f})"]
    if decision.get("urgent"):
        lines.append("  URGENT")
    if decision.get("short_title"):
        lines.append(f"  Titre court : {decision['short_title']}")
    if decision.get("theme"):
        themes = [decision["theme"], *decision.get("themes", [])]
        lines.append("  Thèmes : " + ", ".join(theme_label(t) for t in themes))
    if decision.get("roles"):
        lines.append("  Pour : " + ", ".join(role_label(r) for r in decision["roles"]))
    lines += ["  Pourquoi : " + reason for reason in decision.get("reasons", [])]
    lines += [f"  {d['label']} : {d['date']} ({d['evidence']})" for d in decision.get("dates", [])]
    lines += [f"  >> {line}" for line in decision.get("essentials", [])]
    return "\n".join(lines)
