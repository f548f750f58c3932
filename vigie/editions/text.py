"""An edition as plain French text: for the terminal and the plain-text part of e-mails."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vigie.editions.models import Edition
from vigie.reference.french import numeric_date

IN_DEPARTEMENT = "Dans votre département"


def item_lines(item: dict[str, Any], link: Callable[[str], str] | None = None) -> list[str]:
    """The lines of one item: heading, titles, essentials, dates, reference, links."""
    flags = [f for f, on in (("URGENT", item["urgent"]),
                             (IN_DEPARTEMENT, item["in_departement"])) if on]
    lines = [f"{'[' + ' · '.join(flags) + '] ' if flags else ''}{item['short_title']}",
             f"  {item['title']}"]
    lines += [f"  >> {line}" for line in item["essentials"]]
    lines += [f"  {d['label']} : {numeric_date(d['date'])}" for d in item["dates"]]
    lines.append(f"  {item['reference']}")
    if link:
        lines.append(f"  Sur Vigie : {link(item['uid'])}")
    lines.append(f"  Texte officiel : {item['urls']['legifrance']}")
    return lines


def render_text(edition: Edition, link: Callable[[str], str] | None = None) -> str:
    content = edition.content
    lines = [edition.title, "=" * len(edition.title)]
    if content.get("revised"):
        lines.append(f"(Édition mise à jour, révision {edition.revision})")
    for rubric in content.get("rubrics", []):
        lines += ["", rubric["label"].upper()]
        if rubric["slug"] == "jo":
            lines += content.get("jo_headers", [])
        for theme in rubric["themes"]:
            lines += ["", f"— {theme['label']} —"]
            for item in theme["items"]:
                lines += item_lines(item, link) + [""]
    if content.get("closing"):
        lines += ["", content["closing"]]
    return "\n".join(lines).rstrip() + "\n"
