"""What the page tests read of a page (headings, landmarks, fields, links, the items of an
edition), the structure accessibility asks for (RGAA: French, one h1, headings in order,
landmarks, a skip link, a label for every field), and the demonstration texts they name."""

from __future__ import annotations

import re
from html.parser import HTMLParser

CATNAT, ELUS, ARMEMENT = "JORFTEXT000099000004", "JORFTEXT000099000006", "JORFTEXT000099000005"
PREFET, SOUS_PREFETE = "JORFTEXT000099000010", "JORFTEXT000099000011"  # Indre (36), Cher (18)
LOCAL_FLAG = "Dans votre département"


class Page(HTMLParser):
    """What the tests read of a page: headings, landmarks, fields and their labels, links."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self.tags: list[str] = []
        self.ids: set[str] = set()
        self.labels: set[str] = set()
        self.fields: list[str] = []
        self.links: list[str] = []
        self.lang = ""
        self._heading: int | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        self.tags.append(tag)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "label" and "for" in a:
            self.labels.add(a["for"])
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag in ("select", "textarea") or (
                tag == "input" and a.get("type") not in ("hidden", "submit")):
            self.fields.append(a.get("id", "?"))
        elif re.fullmatch(r"h[1-6]", tag):
            self._heading, self._text = int(tag[1]), []

    def handle_endtag(self, tag: str) -> None:
        if self._heading and tag == f"h{self._heading}":
            self.headings.append((self._heading, " ".join("".join(self._text).split())))
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._text.append(data)

    @property
    def h1(self) -> str:
        return next(text for level, text in self.headings if level == 1)


def get(client, url: str, status: int = 200, **kwargs) -> tuple[str, Page]:
    response = client.get(url, **kwargs)
    assert response.status_code == status, (url, response.status_code)
    html = response.content.decode()
    return html, Page(html)


def items_between(html: str) -> list[str]:
    """The identifiers of the items of an edition page, in page order."""
    return re.findall(r'id="t-(JORFTEXT\d+)"', html)


def item_block(html: str, uid: str) -> str:
    start = html.index(f'id="t-{uid}"')
    start = html.rindex("<article", 0, start)
    return html[start:html.index("</article>", start)]


def assert_accessible(page: Page) -> None:
    assert page.lang == "fr"
    assert [level for level, _ in page.headings].count(1) == 1, page.headings
    levels = [level for level, _ in page.headings]
    assert levels[0] == 1
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, f"titre h{after} après h{before} : {page.headings}"
    for landmark in ("header", "nav", "main", "footer"):
        assert landmark in page.tags, landmark
    assert "#contenu" in page.links and "contenu" in page.ids  # skip link and its target
    unlabelled = [f for f in page.fields if f not in page.labels]
    assert not unlabelled, f"champs sans étiquette : {unlabelled}"
