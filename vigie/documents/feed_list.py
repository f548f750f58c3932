"""The list of feeds Vigie follows: add one, list them, exchange them as OPML, install the
default list shipped with Vigie (``reference/data/feeds.opml``) — asked (``vigie feeds
defaults``), or offered once to a database that never followed a feed (``vigie run``: a new
user's first start), the offer recorded (``OFFERED``) so that an operator who removed every
feed is not given them back.

Adding a feed twice changes nothing but what was asked (rubric, title); an address that is
not ``http(s)://`` or ``file://`` is refused with a French message. A ``file://`` address (a
file of this machine, read from the disk: the demo, tests) is taken only from the operator
(``vigie feeds add``), never from an OPML file, which comes from elsewhere: its outlines
would otherwise have Vigie read, and publish, whatever feed-shaped file the server holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from importlib import resources
from urllib.parse import urlsplit, urlunsplit

from vigie.documents.models import Feed, Watermark
from vigie.parsing.opml import Outline, read_opml, write_opml
from vigie.reference.places import PlaceError, parse_place
from vigie.reference.taxonomy import FEED_RUBRICS, RUBRICS

# Licences under which a source's articles may be shown in full (words found in the
# licence a feed declares, folded to lower case).
OPEN_LICENCES = ("licence ouverte", "etalab", "creative commons", "cc by", "cc-by", "cc0")


class FeedListError(ValueError):
    """A feed that cannot be added; ``str(error)`` is a French message."""


@dataclass(frozen=True)
class Added:
    feed: Feed
    created: bool


def check_url(url: str, *, local: bool = True) -> str:
    """The address, stripped, its scheme and host in lower case (``HTTPS://Exemple.fr/rss``
    is the feed ``https://exemple.fr/rss`` already followed, not a second one); ``local``: a
    ``file://`` one is taken too."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme == "file" and parts.path:
        if not local:
            raise FeedListError(f"adresse locale refusée « {url} » : un fichier OPML ne "
                                "fait pas lire les fichiers de ce serveur (vigie feeds add "
                                "le fait pour un flux local)")
        return url
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise FeedListError(f"adresse de flux invalide « {url} » (http:// ou https:// attendu)")
    problem = _unreachable(url)
    if problem:
        raise FeedListError(f"adresse de flux invalide « {url} » ({problem})")
    if "@" in parts.netloc:  # shown by ``feeds list``, logged, and named as a source
        raise FeedListError(f"identifiants refusés dans l'adresse « {parts.hostname} » : ils "
                            "paraîtraient dans la liste des flux, les journaux et, pour un "
                            "flux sans titre, sur le site")
    return urlunsplit(parts._replace(scheme=parts.scheme.lower(), netloc=parts.netloc.lower()))


def _unreachable(url: str) -> str:
    """Why no request could reach an http(s) address ("" when one could)."""
    if any(c.isspace() or not c.isprintable() for c in url):
        return "espace ou caractère de contrôle : encodez-le (%20…)"
    parts = urlsplit(url)
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        return "port invalide : 1 à 65535"
    return "" if parts.hostname else "nom de serveur absent"


def check_rubric(rubric: str) -> str:
    if rubric not in FEED_RUBRICS:
        raise FeedListError(f"rubrique inconnue « {rubric} » (au choix : "
                            f"{', '.join(FEED_RUBRICS)})")
    return rubric


def allows_full_text(licence: str) -> bool:
    folded = licence.lower()
    return any(word in folded for word in OPEN_LICENCES)


def add_feed(url: str, rubric: str, *, title: str = "", licence: str = "",
             departement: str = "", shipped: bool = False, local: bool = True) -> Added:
    """Follow a feed (or update what was asked of one already followed); ``local``: a
    ``file://`` address is taken (not from an OPML file)."""
    url, rubric = check_url(url, local=local), check_rubric(rubric)
    try:
        place = parse_place(departement) if departement else ""
    except PlaceError as error:
        raise FeedListError(str(error)) from None
    feed = Feed.objects.filter(url=url).first() or Feed.objects.filter(moved_from=url).first()
    created = feed is None
    if feed is None:
        feed = Feed(url=url, shipped=shipped)
    feed.rubric = rubric
    feed.title = title or feed.title
    if licence:
        feed.licence, feed.full_text = licence, allows_full_text(licence)
    feed.departement = place or feed.departement
    if feed.status == Feed.RETIRED and created is False and not shipped:
        feed.status, feed.failures, feed.next_attempt = Feed.ACTIVE, 0, None  # asked again
    feed.save()
    return Added(feed, created)


def import_opml(data: bytes, default_rubric: str = "actualite") -> tuple[list[Added],
                                                                         list[str]]:
    """Follow every feed of an OPML file (its rubric, else ``default_rubric``); returns the
    feeds and a French message for each outline refused. Raises ``OpmlError``."""
    added, refused = [], []
    for outline in read_opml(data, FEED_RUBRICS):
        try:
            added.append(add_feed(outline.url, outline.rubric or default_rubric,
                                  title=outline.title, local=False))
        except FeedListError as error:
            refused.append(str(error))
    return added, refused


def export_opml() -> bytes:
    """Every feed followed (retired ones too), as OPML grouped by rubric."""
    feeds = Feed.objects.order_by("rubric", "title", "url")
    return write_opml((Outline(f.url, f.title, f.rubric, f.site) for f in feeds), RUBRICS)


def default_list() -> bytes:
    return (resources.files("vigie.reference") / "data" / "feeds.opml").read_bytes()


OFFERED = "feeds-defaults"  # the watermark saying the default list was installed once (its day)


def install_defaults() -> list[Added]:
    """Follow the feeds of Vigie's default list (those already followed are left as they
    are, so an operator's changes stay); recorded as offered."""
    Watermark.objects.update_or_create(source=OFFERED,
                                       defaults={"value": date.today().isoformat()})
    added = []
    for outline in read_opml(default_list(), FEED_RUBRICS):
        if Feed.objects.filter(url=outline.url).exists():
            continue
        added.append(add_feed(outline.url, outline.rubric or "actualite", title=outline.title,
                              shipped=True))
    return added


def offer_defaults() -> list[Added] | None:
    """The default list installed on a database that never had its feeds set up (no feed,
    the list never offered: ``vigie run``'s first start); None otherwise, nothing done."""
    if Feed.objects.exists() or Watermark.objects.filter(source=OFFERED).exists():
        return None
    return install_defaults()


def remove_feed(url: str) -> bool:
    """Stop following a feed (its items stay)."""
    try:
        url, given = check_url(url), url.strip()
    except FeedListError:  # an address never followed
        return False
    # (as given too: an address followed before addresses were put in lower case)
    return Feed.objects.filter(url__in={url, given}).delete()[0] > 0
