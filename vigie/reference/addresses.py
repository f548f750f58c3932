"""Which outside addresses Vigie renders as links: plain ``https://`` ones.

One rule for what a delivery, a feed or the newsroom gives: ``https://`` (as written, lower
case), a real host name (letters, digits, dots, hyphens; or an IP address), an optional port
from 1 to 65535, no user part, no space, control character, quote or angle bracket. Anything
else (a ``javascript:`` or ``data:`` ELI, « https://exemple.fr:99999/ ») is shown as text.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

_UNSAFE = re.compile(r"[\s\x00-\x1f\\<>\"'`]")
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*\.?|[0-9a-fA-F:.]+")


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
