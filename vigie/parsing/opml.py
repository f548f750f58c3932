"""OPML, the file feed readers exchange their lists of feeds in: read and written here.

Each outline with an ``xmlUrl`` is a feed; Vigie keeps its rubric in a ``category`` attribute
(« actualite », « rh »…), and an outline nested under a rubric's outline takes that rubric.
Pure: bytes in, records out; records in, bytes out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree


class OpmlError(ValueError):
    """A file that is not OPML; ``str(error)`` is a French message."""


@dataclass(frozen=True)
class Outline:
    url: str
    title: str = ""
    rubric: str = ""  # Vigie's rubric slug, when the file says it
    site: str = ""


def _rubric(node: etree._Element, rubrics: Iterable[str]) -> str:
    known = set(rubrics)
    for candidate in (node.get("category", ""), node.get("text", "")):
        for part in candidate.replace(",", "/").split("/"):
            if part.strip().lower() in known:
                return part.strip().lower()
    return ""


def read_opml(data: bytes, rubrics: Iterable[str] = ()) -> list[Outline]:
    """The feeds an OPML file lists, with the rubric it gives each (own or inherited)."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise OpmlError(f"fichier OPML illisible (XML mal formé : {error})") from None
    if root.tag != "opml":
        raise OpmlError(f"fichier OPML attendu (élément opml), trouvé « {root.tag} »")
    rubrics = tuple(rubrics)
    found: list[Outline] = []
    for node in root.iter("outline"):
        url = (node.get("xmlUrl") or "").strip()
        if not url:
            continue
        rubric = next((r for r in (_rubric(n, rubrics) for n in (node, *node.iterancestors(
            "outline"))) if r), "")
        found.append(Outline(url, node.get("title") or node.get("text") or "", rubric,
                             node.get("htmlUrl") or ""))
    return found


def write_opml(outlines: Iterable[Outline], labels: dict[str, str]) -> bytes:
    """An OPML 2.0 file: one outline per rubric (its French label), the feeds under it."""
    root = etree.Element("opml", version="2.0")
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = "Flux suivis par Vigie"
    body = etree.SubElement(root, "body")
    groups: dict[str, etree._Element] = {}
    for outline in outlines:
        if outline.rubric not in groups:
            groups[outline.rubric] = etree.SubElement(
                body, "outline", text=labels.get(outline.rubric, outline.rubric),
                category=outline.rubric)
        attributes = {"type": "rss", "text": outline.title or outline.url,
                      "title": outline.title or outline.url, "xmlUrl": outline.url,
                      "category": outline.rubric}
        if outline.site:
            attributes["htmlUrl"] = outline.site
        etree.SubElement(groups[outline.rubric], "outline", **attributes)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
