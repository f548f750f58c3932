"""Storing what the feeds gave: one ``Document`` per news item, BOAMP notice or aid scheme.

A news item is keyed by its canonical address (``FLUX`` + digest): the same article seen in
several feeds, or again in the same one, is stored once. An article re-published under a new
address is caught by its text: a near-duplicate (``likeness``) of an item already stored is
counted as a duplicate and not stored again. A notice is keyed by its BOAMP reference, an aid
by its provider's id. Storing again what did not change writes nothing (``content_hash``).

Each item keeps its origin in ``details`` (address, source, feed, licence); ``origine_publi``
is the line readers see under it (« CNSA, 22 août 2026 »).
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

from django.db import connection
from django.utils import timezone

from vigie.documents.likeness import LikenessIndex, Sketch, from_key, sketch, to_key
from vigie.documents.models import Document, Feed
from vigie.parsing.aides import Aid, is_national
from vigie.parsing.boamp import Notice
from vigie.parsing.feed import FeedEntry, ParsedFeed, day_of
from vigie.reference.french import french_date
from vigie.reference.geography import departement_table, normalize

NEWS_FLOW, BOAMP_FLOW, AIDS_FLOW = "flux", "boamp", "aides"
PLAIN_TYPES = ("CharField", "TextField", "IntegerField")  # stored as Python gives them
RECENT_DAYS = 60  # how far back (storage date) a re-published article is looked for


@dataclass
class Stored:
    """What storing a batch did."""

    counts: Counter[str] = field(default_factory=Counter)
    touched: set[str] = field(default_factory=set)
    # (uid, url, feed's url): the pages of new articles, to extract
    new_articles: list[tuple[str, str, str]] = field(default_factory=list)
    fresh: list[dict] = field(default_factory=list)  # new documents' values, not written yet

    def flush(self) -> Stored:
        insert_documents(self.fresh)
        self.fresh = []
        return self


def insert_documents(rows: list[dict]) -> None:
    """Insert new documents, one ``executemany``: the ORM's ``bulk_create`` makes a model
    instance and compiles every field of every row, more than reading the feed costs."""
    if not rows:
        return
    meta, now = Document._meta, timezone.now()
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)})"
           f" VALUES ({', '.join(['%s'] * len(fields))})")
    stamps = {"created_at": now, "updated_at": now}
    # What a row does not say is the same for every row: prepared once. Plain strings and
    # numbers go as they are; dates and JSON through their field.
    fixed = {f.attname: f.get_db_prep_save(stamps.get(f.attname, f.get_default()), connection)
             for f in fields if f.attname not in rows[0]}
    plain = {f.attname for f in fields if f.get_internal_type() in PLAIN_TYPES}
    values = [[fixed[f.attname] if f.attname in fixed else row[f.attname]
               if f.attname in plain else f.get_db_prep_save(row[f.attname], connection)
               for f in fields] for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)


def digest(*parts: object) -> str:
    raw = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def news_uid(canonical: str) -> str:
    return "FLUX" + hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:28]


def aid_uid(key: str) -> str:
    return "AIDE" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:28]


class RecentIndex(LikenessIndex):
    """The fingerprints of the news stored lately, to recognise a re-published article;
    read from the database the first time it is needed (a poll where nothing changed never
    reads them)."""

    def __init__(self, now: datetime) -> None:
        super().__init__()
        self.now, self.loaded = now, False

    def load(self) -> None:
        self.loaded = True
        rows = (Document.objects.filter(flow=NEWS_FLOW, created_at__gte=self.now - timedelta(
            days=RECENT_DAYS)).exclude(source_key="").values_list("source_key", "uid"))
        for key, uid in rows.iterator(chunk_size=2000):
            super().add(from_key(key), uid)

    def add(self, value: Sketch, key: str) -> None:
        if not self.loaded:
            self.load()
        super().add(value, key)

    def find(self, value: Sketch) -> str:
        if not self.loaded:
            self.load()
        return super().find(value)


def recent_index(now: datetime) -> RecentIndex:
    return RecentIndex(now)


def save_item(doc: Document | None, uid: str, values: dict, stored: Stored) -> bool:
    """Create or update one document; True when something was written."""
    if doc is None:
        stored.fresh.append({"uid": uid, **values})  # written together (``flush``)
        stored.counts["created"] += 1
    elif doc.content_hash != values["content_hash"]:
        for name, value in values.items():
            setattr(doc, name, value)
        doc.version += 1
        doc.save()
        stored.counts["updated"] += 1
    else:
        stored.counts["unchanged"] += 1
        return False
    stored.touched.add(uid)
    return True


def _source_name(feed: Feed, parsed: ParsedFeed) -> str:
    return feed.title or parsed.title or feed.url


def entry_uids(parsed: ParsedFeed) -> list[str]:
    return [news_uid(e.canonical) for e in parsed.entries if e.canonical]


class KnownNews:
    """The stored news among ``uids`` (those of a batch of feeds), read in one query; the
    ones a feed of the batch creates are remembered with that feed's address."""

    def __init__(self, uids: Iterable[str]) -> None:
        self.docs = {d.uid: d for d in Document.objects.filter(uid__in=set(uids))}
        self.created: dict[str, str] = {}


def store_entries(feed: Feed, parsed: ParsedFeed, today: date, index: LikenessIndex,
                  sketches: tuple[Sketch, ...] = (), known: KnownNews | None = None
                  ) -> Stored:
    """Store a news feed's entries (see the module's doc for duplicates); ``sketches``, when
    given, are those of ``parsed.entries`` (made where the feed was read); ``known``, the
    stored news of the feed's batch (else read here)."""
    stored = Stored()
    if len(sketches) != len(parsed.entries):
        sketches = tuple(sketch(e.gist) for e in parsed.entries)
    entries = [(e, news_uid(canonical), fingerprint)
               for e, fingerprint in zip(parsed.entries, sketches, strict=True)
               if (canonical := e.canonical)]
    if known is None:
        known = KnownNews(uid for _, uid, _ in entries)
    source, seen = _source_name(feed, parsed), set()
    for entry, uid, fingerprint in entries:
        doc = known.docs.get(uid)
        if uid in seen or (doc is None and uid not in known.created and index.find(fingerprint)):
            stored.counts["duplicates"] += 1
            continue
        seen.add(uid)
        owner = doc.details.get("feed") if doc is not None else known.created.get(uid, feed.url)
        if owner != feed.url:
            stored.counts["seen_elsewhere"] += 1  # the first feed that gave it keeps it
            continue
        values = _news_values(feed, entry, source, day_of(entry, today), fingerprint, doc)
        if save_item(doc, uid, values, stored):
            index.add(fingerprint, uid)
            if doc is None:
                known.created[uid] = feed.url
                if feed.fetch_articles and entry.url.startswith("http"):
                    stored.new_articles.append((uid, entry.url, feed.url))
    return stored.flush()


def _news_values(feed: Feed, entry: FeedEntry, source: str, day: date, fingerprint: Sketch,
                 doc: Document | None) -> dict:
    kept = dict(doc.details) if doc is not None else {}
    details = {**kept, "kind": "article", "url": entry.url, "canonical": entry.canonical,
               "source": source, "site": feed.site, "feed": feed.url,
               "summary": entry.summary, "author": entry.author,
               "full_text_allowed": feed.full_text, "licence": feed.licence}
    return {
        "rubric": feed.rubric, "flow": NEWS_FLOW, "title": entry.title,
        "short_title": entry.title[:255], "ministry": source[:255],
        "date_publi": doc.date_publi if doc is not None and doc.date_publi else day,
        "origine_publi": f"{source}, {french_date(day)}"[:255], "details": details,
        "source_key": to_key(fingerprint), "delivery": feed.url[:255],
        "member": entry.url[:512], "content_hash": digest(entry.title, entry.summary,
                                                          feed.rubric, feed.full_text),
    }


def store_notices(feed: Feed, notices: list[Notice]) -> Stored:
    """Store BOAMP notices (rubric « marches »), keyed by their reference."""
    stored = Stored()
    known = {d.uid: d for d in Document.objects.filter(uid__in=[n.uid for n in notices])}
    for notice in notices:
        details = {"kind": "notice", "idweb": notice.idweb, "notice_kind": notice.kind,
                   "buyer": notice.buyer, "procedure": notice.procedure,
                   "deadline": notice.deadline.isoformat() if notice.deadline else None,
                   "departements": list(notice.departements),
                   "descriptors": list(notice.descriptors), "winners": list(notice.winners),
                   "url": notice.url, "source": "BOAMP", "feed": feed.url,
                   "full_text_allowed": False, "licence": "Licence Ouverte 2.0"}
        day = notice.published
        line = f"BOAMP, avis n° {notice.idweb}" + (f" du {french_date(day)}" if day else "")
        values = {"rubric": "marches", "flow": BOAMP_FLOW, "nature": notice.nature[:64],
                  "number": notice.idweb, "title": notice.title,
                  "short_title": notice.title[:255], "ministry": notice.buyer[:255],
                  "date_publi": day, "origine_publi": line[:255], "details": details,
                  "delivery": feed.url[:255], "member": notice.idweb,
                  "content_hash": digest(details, notice.title, notice.nature, day)}
        save_item(known.get(notice.uid), notice.uid, values, stored)
    return stored.flush()


@lru_cache(maxsize=1)
def _departement_names() -> dict[str, str]:
    return {normalize(d.name): code for code, d in departement_table().items()}


def perimeter_departements(perimeter: str, fallback: str = "") -> tuple[str, ...]:
    """« Drôme » → ("26",); a perimeter that is no département gives the feed's own one."""
    code = _departement_names().get(normalize(perimeter)) if perimeter else None
    return (code,) if code else ((fallback,) if fallback else ())


def store_aids(feed: Feed, aids: list[Aid], today: date) -> Stored:
    """Store aid schemes (rubric « financements »), keyed by their provider's id; an aid
    without a publication date is dated the day it was first seen."""
    stored = Stored()
    uids = {aid.key: aid_uid(aid.key) for aid in aids}
    known = {d.uid: d for d in Document.objects.filter(uid__in=set(uids.values()))}
    for aid in aids:
        doc = known.get(uids[aid.key])
        day = (doc.date_publi if doc is not None and doc.date_publi else aid.published or today)
        national = is_national(aid)
        details = {"kind": "aid", "key": aid.key, "url": aid.url, "summary": aid.description,
                   "audiences": list(aid.audiences), "perimeter": aid.perimeter,
                   "national": national,
                   "departements": [] if national else list(perimeter_departements(
                       aid.perimeter, feed.departement)),
                   "deadline": aid.deadline.isoformat() if aid.deadline else None,
                   # None: the provider gives no date, ``date_publi`` is the day Vigie saw it.
                   "published": aid.published.isoformat() if aid.published else None,
                   "aid_types": list(aid.aid_types), "recurrence": aid.recurrence,
                   "call_for_project": aid.call_for_project, "source": aid.financers or
                   feed.title, "feed": feed.url, "full_text_allowed": feed.full_text,
                   "licence": feed.licence}
        who = aid.financers or feed.title or "Aides aux collectivités"
        values = {"rubric": "financements", "flow": AIDS_FLOW, "nature": "Aide",
                  "title": aid.name, "short_title": aid.name[:255], "ministry": who[:255],
                  "date_publi": day, "origine_publi": who[:255], "details": details,
                  "delivery": feed.url[:255], "member": aid.key[:512],
                  "content_hash": digest(details, aid.name)}
        save_item(doc, uids[aid.key], values, stored)
    return stored.flush()
