"""An edition as plain French text: for the terminal and the plain-text part of e-mails."""

from __future__ import annotations

from collections.abc import Callable

from vigie.editions.content import SOURCE, EditionContent, Item, RubricGroup
from vigie.reference.french import numeric_date

IN_DEPARTEMENT = "Dans votre département"
EDITORIAL, COMMENTARY = "Article de la rédaction", "Commentaire de la rédaction"


def item_lines(item: Item, link: Callable[[str], str] | None = None) -> list[str]:
    """The lines of one item: heading, titles, essentials, dates, reference, links."""
    flags = [f for f, on in (("URGENT", item.urgent), (IN_DEPARTEMENT, item.in_departement),
                             (EDITORIAL, item.editorial)) if on]
    lines = [f"{'[' + ' · '.join(flags) + '] ' if flags else ''}{item.short_title}",
             f"  {item.title}"]
    lines += [f"  >> {line}" for line in item.essentials]
    if item.commentary:
        lines.append(f"  {COMMENTARY} : {item.commentary}")
    lines += [f"  {d.label} : {numeric_date(d.date)}" for d in item.dates]
    lines.append(f"  {item.reference}")
    if link:
        lines.append(f"  Sur Vigie : {link(item.uid)}")
    if item.official and item.official.href:  # an address a mail client could follow
        lines.append(f"  Texte officiel : {item.official.href}")
    lines += [f"  {link.label} : {link.href}" for link in item.links
              if link.kind == SOURCE and link.href]
    return lines


def heading_lines(content: EditionContent) -> list[str]:
    """The title, underlined, and the revision notice."""
    lines = [content.title, "=" * len(content.title)]
    if content.revised:
        lines.append(f"(Édition mise à jour, révision {content.revision})")
    return lines


def rubric_lines(rubric: RubricGroup) -> list[str]:
    return ["", rubric.label.upper(), *rubric.headers]


def render_text(content: EditionContent, link: Callable[[str], str] | None = None) -> str:
    lines = heading_lines(content)
    for rubric in content.rubrics:
        lines += rubric_lines(rubric)
        for theme in rubric.themes:
            lines += ["", f"— {theme.label} —"]
            for item in theme.items:
                lines += item_lines(item, link) + [""]
    if content.closing:
        lines += ["", content.closing]
    return "\n".join(lines).rstrip() + "\n"
