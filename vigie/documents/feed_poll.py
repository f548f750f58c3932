"""Polling the feeds Vigie follows: fetch what changed, read it, store it, say what failed.

Every active feed whose next attempt is due is asked at once (``sources.feeds``:
conditional requests, per-host politeness, each body read in the thread that fetched it). Its
answer is then taken here, feed by feed, in a transaction that holds a batch of feeds
(``batches``) with their state and reads the news they already stored in one query; a feed
that fails never stops the others:

- 304: nothing to do; 200: read (news feed, BOAMP notices or aid schemes, recognised by
  their content) and stored (``outside_items``);
- a permanent redirect (301, 308) moves the stored address; a 410 retires the feed;
- a failure (network, server error, unreadable content) is recorded as an anomaly with the
  feed's address, and the next attempt waits longer each time (``backoff``), until a poll
  succeeds. ``vigie status`` lists failing and retired feeds.

The article of each new news item is then fetched once and its text extracted
(``parsing.article``), kept with its origin in the item's ``details``.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import httpx
from django.db import connection, transaction
from django.utils import timezone

from vigie.documents import followups
from vigie.documents.feed_reading import Payload, read_all, read_body
from vigie.documents.ingest import InputReport, record_anomaly
from vigie.documents.likeness import LikenessIndex
from vigie.documents.models import Document, Feed
from vigie.documents.outside_items import (
    KnownNews,
    Stored,
    entry_uids,
    recent_index,
    store_aids,
    store_entries,
    store_notices,
)
from vigie.parsing.article import extract_article
from vigie.sources.feeds import Answer, Request, fetch_all, fetch_and_read

logger = logging.getLogger("vigie.feeds")
BACKOFF = timedelta(minutes=15)
MAX_BACKOFF = timedelta(days=1)
BATCH_STORED, BATCH_ANSWERS = 32, 500  # see ``batches``
ANOMALY_INPUT = "flux"


@dataclass
class PollReport:
    """What a poll did: one ``InputReport`` per feed with news, the texts it touched."""

    inputs: list[InputReport] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)
    touched: set[str] = field(default_factory=set)

    @property
    def failed(self) -> bool:
        return bool(self.counts["failed"])


@dataclass(frozen=True)
class PollOptions:
    workers: int = 8
    host_delay: float = 1.0
    articles: bool = True  # fetch and extract each new article
    everything: bool = False  # poll every active feed, due or not
    readers: int = 0  # processes reading bodies (0: the fetching threads read them)


def backoff(failures: int) -> timedelta:
    """How long to wait after ``failures`` failed polls in a row."""
    return min(BACKOFF * 2 ** max(0, failures - 1), MAX_BACKOFF)


def due_feeds(now: datetime, everything: bool = False) -> list[Feed]:
    feeds = Feed.objects.filter(status=Feed.ACTIVE)
    if not everything:
        feeds = feeds.exclude(next_attempt__gt=now)
    return list(feeds)


def _failed(feed: Feed, report: InputReport, message: str, now: datetime) -> None:
    feed.failures += 1
    feed.next_attempt = now + backoff(feed.failures)
    feed.last_error = message
    report.status = "unreadable"
    report.message = f"{message} (tentative n° {feed.failures}, prochain essai le " \
                     f"{timezone.localtime(feed.next_attempt):%d/%m/%Y à %H:%M})"
    report.anomalies.append(record_anomaly(ANOMALY_INPUT, feed.url, "", message))


def store_payload(feed: Feed, payload: Payload, today: date, index: LikenessIndex,
                  known: KnownNews | None = None) -> Stored:
    """Store what a body held (its feed's title and site learnt on the way)."""
    if payload.feed is not None:
        if not feed.title and payload.feed.title:
            feed.title = payload.feed.title
        if not feed.site and payload.feed.site:
            feed.site = payload.feed.site[:1000]
        return store_entries(feed, payload.feed, today, index, payload.sketches, known)
    if payload.aids:
        return store_aids(feed, list(payload.aids), today)
    return store_notices(feed, list(payload.notices))


def _moved(feed: Feed, answer: Answer, report: InputReport) -> None:
    new = answer.final_url
    if new == feed.url or Feed.objects.filter(url=new).exclude(pk=feed.pk).exists():
        return
    feed.moved_from, feed.url = feed.url, new
    report.counts["moved"] += 1
    report.anomalies.append(record_anomaly(ANOMALY_INPUT, feed.moved_from, "",
                                           f"flux déplacé définitivement vers {new} : "
                                           "adresse mise à jour"))


def take(feed: Feed, answer: Answer, payload: Payload | None, now: datetime,
         index: LikenessIndex, known: KnownNews | None = None
         ) -> tuple[InputReport, list[tuple[str, str, str]]]:
    """Apply one answer to its feed (state, items, anomalies); never raises for bad data.
    Returns the report and the new articles to extract, (uid, address, feed's address);
    ``known``: the stored news of the feed's batch."""
    report = InputReport(input=feed.url, delivery=feed.title or feed.url)
    feed.polled_at, feed.last_status = now, answer.status or None
    if answer.moved:
        _moved(feed, answer, report)
    if answer.gone:
        feed.status, feed.last_error = Feed.RETIRED, "flux supprimé par sa source (410)"
        report.status, report.message = "unreadable", "flux supprimé par sa source (410) : retiré"
        report.anomalies.append(record_anomaly(ANOMALY_INPUT, feed.url, "",
                                               "flux supprimé par sa source (410) : retiré"))
        return report, []
    if answer.error:
        _failed(feed, report, answer.error, now)
        return report, []
    feed.etag, feed.last_modified = answer.etag[:255], answer.last_modified[:64]
    articles: list[tuple[str, str, str]] = []
    if answer.not_modified:
        report.counts["not_modified"] += 1
    elif payload is not None:
        if payload.error:
            _failed(feed, report, payload.error, now)
            return report, []
        # The later steps owed with what needs them. No savepoint inside a batch: an error
        # here undoes the batch anyway (and PostgreSQL is spared two round trips a feed).
        with transaction.atomic(savepoint=False):
            stored = store_payload(feed, payload, now.date(), index, known)
            followups.record(f"flux {feed.url}", stored.touched)
        report.counts.update(stored.counts)
        report.touched = stored.touched
        report.anomalies += [record_anomaly(ANOMALY_INPUT, feed.url, "", p)
                             for p in payload.problems]
        feed.items += stored.counts["created"]
        articles = stored.new_articles
    feed.failures, feed.next_attempt, feed.last_error = 0, None, ""
    return report, articles


FEED_FIELDS = ["url", "title", "site", "status", "etag", "last_modified", "failures",
               "next_attempt", "last_error", "last_status", "polled_at", "moved_from", "items"]
Notify = Callable[[InputReport], None]


def poll(options: PollOptions | None = None, *, client: httpx.Client | None = None,
         notify: Notify | None = None, now: datetime | None = None) -> PollReport:
    """Poll the due feeds (see the module's doc); reports feeds with news or problems."""
    options, now = options or PollOptions(), now or timezone.now()
    feeds = {f.url: f for f in due_feeds(now, options.everything)}
    result, articles = PollReport(), []
    index = recent_index(now)
    requests = [Request(f.url, f.etag, f.last_modified, chosen=f.url) for f in feeds.values()]
    for batch in batches(_read(requests, client, options)):
        with transaction.atomic():
            known = KnownNews(uid for _, payload in batch if payload and payload.feed
                              for uid in entry_uids(payload.feed))
            taken = [take(feeds[answer.url], answer, payload, now, index, known)
                     for answer, payload in batch]
            save_feeds([feeds[answer.url] for answer, _ in batch])
        for report, new in taken:
            articles += new
            _count(result, report, notify)
    if options.articles and articles:
        result.counts.update(extract_articles(articles, client, options))
    return result


def _read(requests: list[Request], client: httpx.Client | None, options: PollOptions
          ) -> Iterator[tuple[Answer, Payload | None]]:
    """Each answer with the reading of its body: in the fetching threads (measured on a
    loaded machine, faster than handing bodies to processes, see README « Performances »),
    or by ``options.readers`` processes."""
    workers, delay = options.workers, options.host_delay
    if not options.readers:
        return fetch_and_read(requests, read_body, client=client, workers=workers,
                              host_delay=delay)
    bodies = ((a, a.body if a.status == 200 and not a.error else None)
              for a in fetch_all(requests, client=client, workers=workers, host_delay=delay))
    return read_all(bodies, options.readers)


def batches(answers: Iterable[tuple[Answer, Payload | None]]
            ) -> Iterator[list[tuple[Answer, Payload | None]]]:
    """The answers in batches stored together, each in one transaction: a commit per feed
    cost as much as storing its items. A batch closes at ``BATCH_STORED`` feeds with
    something to store, or at ``BATCH_ANSWERS`` answers (304s cost only their feed's state);
    it is gathered before its transaction opens, so that no write lock is held while answers
    are awaited."""
    batch: list[tuple[Answer, Payload | None]] = []
    stored = 0
    for answer, payload in answers:
        batch.append((answer, payload))
        stored += payload is not None
        if stored >= BATCH_STORED or len(batch) >= BATCH_ANSWERS:
            yield batch
            batch, stored = [], 0
    if batch:
        yield batch


def _count(result: PollReport, report: InputReport, notify: Notify | None) -> None:
    result.counts.update(report.counts)
    result.counts["failed" if report.failed else "polled"] += 1
    result.touched |= report.touched
    if report.failed or report.touched or report.anomalies:
        report.summary = "" if report.failed else summary_line(report)
        result.inputs.append(report)
        if notify:
            notify(report)


def save_feeds(feeds: list[Feed]) -> None:
    """Write the polled state of these feeds, one plain UPDATE each in one ``executemany``
    (the ORM's ``bulk_update`` builds a CASE per field and row: slower than the whole poll
    when nothing changed)."""
    if not feeds:
        return
    meta = Feed._meta
    fields = [meta.get_field(name) for name in FEED_FIELDS]
    quote = connection.ops.quote_name
    sql = (f"UPDATE {quote(meta.db_table)} SET "
           f"{', '.join(f'{quote(f.column)} = %s' for f in fields)} WHERE "
           f"{quote(meta.pk.column)} = %s")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(sql, [[f.get_db_prep_save(getattr(feed, f.attname), connection)
                                  for f in fields] + [feed.pk] for feed in feeds])


def summary_line(report: InputReport) -> str:
    c = report.counts
    parts = [f"{c['created']} nouveau(x)", f"{c['updated']} mis à jour"]
    if c["duplicates"] or c["seen_elsewhere"]:
        parts.append(f"{c['duplicates'] + c['seen_elsewhere']} doublon(s) écarté(s)")
    if report.anomalies:
        parts.append(f"{len(report.anomalies)} anomalie(s)")
    return f"{report.delivery} : {', '.join(parts)}."


def extract_articles(articles: list[tuple[str, str, str]], client: httpx.Client | None,
                     options: PollOptions) -> Counter[str]:
    """Fetch each new article's page once (from a public address, or its feed's host) and
    keep its extracted text with the item."""
    counts: Counter[str] = Counter()
    uids = {url: uid for uid, url, _ in articles}
    feeds = {url: feed for _, url, feed in articles}
    for answer in fetch_all([Request(url, chosen=feeds[url]) for url in uids], client=client,
                            workers=options.workers, host_delay=options.host_delay):
        doc = Document.objects.filter(uid=uids[answer.url]).first()
        if doc is None:
            continue
        extracted = extract_article(answer.body, answer.url) if answer.ok else None
        if extracted is None:
            why = answer.error or "aucun texte d'article trouvé dans la page"
            record_anomaly(ANOMALY_INPUT, doc.details.get("feed", ""), answer.url,
                           f"article non extrait : {why}")
        doc.details = {**doc.details, "extraction": "done" if extracted else "failed",
                       "full_text": extracted.text if extracted else "",
                       "page_licence": extracted.licence if extracted else ""}
        doc.save(update_fields=["details", "updated_at"])
        counts["extracted" if extracted else "not_extracted"] += 1
    return counts
