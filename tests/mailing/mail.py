"""Reading the messages the SMTP server received: parts, links, headers."""

from __future__ import annotations

import re
from email.message import EmailMessage

SITE = "https://vigie.test"
_LINK = re.compile(r"https://vigie\.test(/[^\s\"<>]*)")


def parts(message: EmailMessage) -> tuple[str, str]:
    """(plain text, HTML) of a multipart/alternative message."""
    assert message.get_content_type() == "multipart/alternative"
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    return plain, html


def paths(text: str) -> list[str]:
    """Paths of the links to the site, in order of appearance."""
    return _LINK.findall(text)


def link_after(text: str, label: str) -> str:
    """The path of the first site link on the line that starts with ``label``."""
    for line in text.splitlines():
        if line.startswith(label):
            found = paths(line)
            assert found, line
            return found[0]
    raise AssertionError(f"pas de ligne « {label} » dans :\n{text}")


def one_click(message: EmailMessage) -> str:
    """The path of the List-Unsubscribe address, checking the RFC 8058 pair of headers."""
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    url = message["List-Unsubscribe"].strip("<>")
    assert url.startswith(SITE + "/abonnement/desabonner/")
    return url.removeprefix(SITE)
