"""The HTML of digests and alerts, with inlined CSS, built from fragments.

Mail clients ignore style sheets, so every element carries its ``style``. Each item's block
comes from the ``mailing/email/_item.html`` template, rendered once per run and reused
(``blocks.Blocks``); the page around it — headings, links, closing line — is a handful of
escaped strings joined here, which keeps a draft cheap when thousands of readers each get
their own selection. Colours: #000091 (links, headings), #ce0500 (urgent), #161616 and
#3a3a3a (text), all above 4.5:1 on white.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from html import escape

from django.template.loader import render_to_string

PAGE_END = "</div>\n</body>\n</html>\n"
LINK = 'style="color:#000091"'


@lru_cache(maxsize=1)
def _start() -> str:
    return render_to_string("mailing/email/_start.html", {"subject": "{titre}"})


def page_start(subject: str) -> str:
    """From the doctype to the masthead; the title is the subject."""
    return _start().replace("{titre}", escape(subject), 1)


def title(text: str, colour: str = "#161616") -> str:
    return (f'<h1 style="margin:0 0 8px 0;font-size:22px;line-height:1.3;color:{colour}">'
            f"{escape(text)}</h1>\n")


def paragraph(text: str, size: int = 16, colour: str = "#161616", top: int = 0) -> str:
    return (f'<p style="margin:{top}px 0 16px 0;font-size:{size}px;color:{colour}">'
            f"{escape(text)}</p>\n")


def link_line(url: str, text: str, after: str = "") -> str:
    tail = f" {escape(after)}" if after else ""
    return (f'<p style="margin:0 0 16px 0;font-size:15px"><a href="{escape(url)}" {LINK}>'
            f"{escape(text)}</a>{tail}</p>\n")


def day_heading(text: str) -> str:
    return (f'<h2 style="margin:28px 0 8px 0;font-size:19px;border-bottom:2px solid #000091">'
            f"{escape(text)}</h2>\n")


def rubric_heading(label: str, headers: Iterable[str] = ()) -> str:
    lines = [f'<h2 style="margin:24px 0 4px 0;font-size:18px;text-transform:uppercase;'
             f'letter-spacing:0.5px;color:#000091">{escape(label)}</h2>\n']
    lines += [paragraph(h, 14, "#3a3a3a") for h in headers]
    return "".join(lines)


def theme_heading(label: str) -> str:
    return f'<h3 style="margin:16px 0 10px 0;font-size:16px;color:#161616">{escape(label)}</h3>\n'


def priority(heading: str, entries: Iterable[tuple[str, str]]) -> str:
    """A box at the top of a digest: the urgent items' titles, each a link to its page."""
    rows = "".join(f'<li style="margin:0 0 6px 0"><a href="{escape(url)}" {LINK}>'
                   f"{escape(text)}</a></li>\n" for text, url in entries)
    return (f'<div style="margin:0 0 20px 0;padding:12px 16px;border-left:4px solid #ce0500;'
            f'background:#fef4f4"><p style="margin:0 0 8px 0;font-size:15px;font-weight:bold;'
            f'color:#ce0500">{escape(heading)}</p>\n<ul style="margin:0;padding-left:20px;'
            f'font-size:15px">\n{rows}</ul></div>\n')
