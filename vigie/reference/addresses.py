"""Which outside addresses Vigie renders as links: plain ``https://`` ones.

One rule for what a delivery, a feed or the newsroom gives: ``https://`` (as written, lower
case), a real host name (letters, digits, dots, hyphens; or an IP address), an optional port
from 1 to 65535, no user part, no space, control character, quote or angle bracket. Anything
else (a ``javascript:`` or ``data:`` ELI, « https://exemple.fr:99999/ ») is shown as text.

A few official hosts publish their addresses as ``http://`` and serve the very same ones over
``https://``: the Publications Office of the EU writes every act's ELI
« http://data.europa.eu/eli/dir/2026/9901/oj » (the identifier, as minted) and answers it at
« https://data.europa.eu/eli/… ». ``https_equivalent`` gives that address, so that readers get
a link, not an address to copy; any other ``http://`` address stays text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_UNSAFE = re.compile(r"[\s\x00-\x1f\\<>\"'`]")
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*\.?|[0-9a-fA-F:.]+")
# Hosts known to serve each of their http:// addresses at the same https:// one (checked by
# hand: the Publications Office's ELI resolver and EUR-Lex redirect http to https).
HTTPS_HOSTS = frozenset({"data.europa.eu", "eur-lex.europa.eu", "publications.europa.eu"})


def https_equivalent(url: str) -> str:
    """``url`` with ``https://`` for ``http://`` when its host is one of ``HTTPS_HOSTS`` (as
    written, lower case); ``url`` unchanged otherwise."""
    if not url.startswith("http://"):
        return url
    host = url[len("http://"):].split("/", 1)[0]
    return "https://" + url[len("http://"):] if host in HTTPS_HOSTS else url


def is_https_address(url: str) -> bool:
    """Whether ``url`` may be followed by readers (see the module doc)."""
    if not url.startswith("https://") or _UNSAFE.search(url):
        return False
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a port not a number or beyond 65535, a bracket left open
        return False
    if port == 0 or "@" in parts.netloc or not parts.hostname:
        return False
    return bool(_HOST.fullmatch(parts.hostname)) and "_" not in parts.hostname
