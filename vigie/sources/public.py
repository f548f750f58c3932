"""Which addresses Vigie fetches because a feed's server or content named them: public ones.

A feed's address is the operator's choice (an intranet feed is theirs to follow); where its
server redirects, and the pages of its items (its ``<link>``s), are whoever runs or writes
the feed's choice, or whoever took it over. Followed as they came, a redirect or an item
leading to ``http://127.0.0.1:6379/``, to the cloud's metadata service (``169.254.169.254``) or
to a server of the operator's private network would have Vigie query it from inside and keep,
perhaps publish, what it answered (a redirect even moved the feed there for good). So a
request made for a feed (``ONLY_PUBLIC`` in its extensions, holding the feed's address: the
feed itself, the page of one of its items) is sent only to a public address or to the feed's
own host and port, and so is every request a redirect leads to (``refuse_private``, a request
hook of the feeds' client, runs before each of them). Cellar's notices and listing are
asked the same way (``sources.cellar``): where a redirect of Cellar leads is Cellar's choice,
or that of whoever took over its answers, not the operator's.

A name is judged by what it resolves to now; a name that does not resolve is left to the
request, which fails on its own.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

import httpx

ONLY_PUBLIC = "vigie.only_public"  # request extension: the address of the feed asking
# Request extension: the French words of a refusal, when not asked for a feed (Cellar).
REFUSAL = "vigie.only_public_refusal"
_FEED_REFUSAL = ("ce qu'un flux désigne (redirection, page d'un élément) n'est lu que sur une "
                 "adresse publique ou sur l'hôte du flux")
_DEFAULT_PORTS = {"http": 80, "https": 443}


class NotPublic(httpx.TransportError):
    """A page refused: its address is not public; the message is French."""


def is_private(host: str) -> bool:
    """Whether ``host`` (a name or an address) is, or resolves to, an address that is not
    public: loopback, private networks, link-local, reserved…"""
    host = host.strip("[]").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        found = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return False  # unresolved: the request fails by itself
        found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
    return any(not address.is_global for address in found)


def _place(scheme: str, host: str | None, port: int | None) -> tuple[str, int | None]:
    return (host or "").lower(), port or _DEFAULT_PORTS.get(scheme)


def refuse_private(request: httpx.Request) -> None:
    """Request hook: raise ``NotPublic`` for a request made for a feed whose address is not
    public, unless it is on the feed's own host and port."""
    feed = request.extensions.get(ONLY_PUBLIC)
    if feed is None:
        return
    url = request.url
    parts = urlsplit(feed)
    if _place(url.scheme, url.host, url.port) == _place(parts.scheme, parts.hostname,
                                                        parts.port):
        return
    if is_private(url.host):
        why = request.extensions.get(REFUSAL, _FEED_REFUSAL)
        raise NotPublic(f"adresse non publique refusée ({url.host}) : {why}", request=request)
