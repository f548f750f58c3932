"""Building the editions of a day: which retained items, in which order, under which heading.

An edition lists the day's retained items grouped by rubric (taxonomy order), then by theme;
urgent items first, then by importance (score), then by their place in the issue. A
département's edition has every national item plus the local items naming it; items that
name the département are flagged « Dans votre département ».

Nothing is copied per edition: each retained text becomes one ``EditionItem`` of its day, in
the day's order, and each edition row refers to its items by rule (``models``). Building is
proportional to the day's retained texts: items are written only when they changed, and an
edition's fingerprint is that of the national items plus its own local ones. Editions are
kept: building again changes nothing unless what they are made of changed, in which case their
revision goes up. What a build reads (texts, decisions, the newsroom's items, reminders, issue
headers) comes from ``sources``, read once for the days of one call.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.db import connection, models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from vigie.analysis.records import CommuneLine, Decision
from vigie.analysis.titles import distinct_titles
from vigie.documents.bulk import insert_rows
from vigie.documents.citation import display_title, official_links, reference_line
from vigie.documents.fields import Encoded
from vigie.documents.json_text import dumps, dumps_ascii, dumps_sorted
from vigie.documents.models import Document
from vigie.editions.calendar import covered_days
from vigie.editions.content import Commune, Item, Link, Territory
from vigie.editions.models import Edition, EditionItem
from vigie.editions.newsroom import editorial_item, with_commentaries
from vigie.editions.reminders import as_reminder
from vigie.editions.revisions import NEWSROOM, REVISED_BY, SOURCES
from vigie.editions.sources import Shown, Sources
from vigie.reference.french import french_date, french_period
from vigie.reference.places import NATIONAL, place_label, places
from vigie.reference.taxonomy import EDITION_RUBRICS, RUBRICS

NOTHING_ELSE = "Aucun autre texte intéressant les collectivités n'a été publié."
NOTHING_AT_ALL = "Aucun texte intéressant les collectivités n'a été publié."
_RUBRIC_ORDER = {slug: n for n, slug in enumerate(RUBRICS)}


def commune_of(line: CommuneLine) -> Commune:
    """A listed commune as editions show it (an unidentified one keeps its written name)."""
    return Commune(line.code, line.name, line.status, line.phenomenon,
                   french_period(line.start, line.end), listed=True)


def territories_of(decision: Decision) -> tuple[Territory, ...]:
    """The départements a decision names (its territories' and its editions'), each with the
    communes of it the text names, in code order: first the communes it lists with what it
    says of each (annex rows: status, phenomenon, period; unidentified names kept), then the
    other communes its prose names."""
    if not (decision.territories or decision.departements or decision.communes):
        return ()  # most texts name no place
    named = {t.departement for t in decision.territories if t.departement}
    named |= set(decision.departements)
    named |= {line.departement for line in decision.communes if line.departement}
    communes: dict[str, dict[tuple, Commune]] = defaultdict(dict)
    for line in decision.communes:
        if line.departement:
            commune = commune_of(line)
            communes[line.departement].setdefault(dataclasses.astuple(commune), commune)
    for t in decision.territories:
        if t.kind == "commune" and t.departement and t.code:
            listed = communes[t.departement]
            if not any(c.code == t.code for c in listed.values()):
                listed[(t.code,)] = Commune(t.code, t.name)
    return tuple(Territory(code, tuple(communes[code].values())) for code in sorted(named))


def item_for(doc: Document | Shown, decision: Decision) -> Item:
    """A retained text as every edition shows it: everything pages, feeds and e-mails need."""
    return Item(
        uid=doc.uid, rubric=doc.rubric, title=display_title(doc),
        short_title=decision.short_title or doc.title, theme=decision.theme, nature=doc.nature,
        themes=decision.themes, roles=decision.roles, urgent=decision.urgent,
        score=decision.score, scope=decision.scope, departements=decision.departements,
        essentials=decision.essentials, dates=decision.dates, reasons=decision.reasons,
        reference=reference_line(doc), jo_number=doc.jo_number.lstrip("0") or doc.jo_number,
        date_publi=doc.date_publi, rank=doc.rank, status=doc.status,
        territories=territories_of(decision),
        links=tuple(Link(kind, label, url) for kind, label, url in official_links(doc)),
        heading=decision.heading, question=decision.question,
    )


def retitled(item: Item, title: str) -> Item:
    """``replace(item, short_title=title)``: the same item when the title is its own, else a
    copy (what ``replace`` gives, without its field-by-field rebuild: thousands per day)."""
    if title == item.short_title:
        return item
    copied = object.__new__(Item)  # a frozen dataclass: its fields copied as they are
    object.__setattr__(copied, "__dict__", {**item.__dict__, "short_title": title})
    return copied


def load_items(day: date, read: Sources) -> tuple[list[Item], int]:
    """The retained items of the days the edition covers, in the day's order; and how many
    texts were published on those days (``read``: sources that hold ``day``, ``build_day``'s)."""
    rows = [(item_for(doc, decision), doc.nor) for doc, decision in read.retained_texts(day)
            if decision.retained]
    rows += [(editorial_item(row), "") for row in read.editorial(day)]
    rows += [(as_reminder(item_for(doc, decision), day), "")
             for doc, decision in read.reminded.get(day, ())]
    rows.sort(key=lambda row: (_RUBRIC_ORDER.get(row[0].rubric, len(RUBRICS)),
                               row[0].sort_key()))
    # Never two identical short titles in a day's editions: each gets its reference.
    titles = distinct_titles([(item.short_title, item.title, nor) for item, nor in rows])
    items = [retitled(item, title) for (item, _nor), title in zip(rows, titles, strict=True)]
    return with_commentaries(items, read.commentaries(day)), read.total(day)


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def item_fingerprint(item: Item) -> str:
    return fingerprint(dumps_sorted(item.to_json()))


def framed(codes: tuple[str, ...]) -> str:
    """« 18 36 » with a space on each side, so that ``contains " 18 "`` matches one code."""
    return f" {' '.join(codes)} " if codes else ""


def update_rows(rows: list[models.Model], names: list[str]) -> None:
    """Write these fields of these rows, one plain UPDATE each (``executemany``): the ORM's
    ``bulk_update`` builds a CASE per field and row, slower than the rest of a build."""
    if not rows:
        return
    meta = rows[0]._meta
    fields = [meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    sql = (f"UPDATE {quote(meta.db_table)} SET "
           f"{', '.join(f'{quote(f.column)} = %s' for f in fields)} "
           f"WHERE {quote(meta.pk.column)} = %s")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[f.get_db_prep_save(getattr(row, f.attname), connection)
                                  for f in fields] + [row.pk] for row in rows])


def store_items(day: date, items: list[Item]) -> list[str]:
    """Make the stored items of ``day`` these ones, in this order, writing only what changed;
    returns their fingerprints. New items go as plain values (``insert_rows``), their
    content encoded as Django's JSONField does."""
    # As values (primary key, position, fingerprint): no instance per item of the day.
    stored = {uid: kept for uid, *kept in EditionItem.objects.filter(day=day)
              .values_list("uid", "pk", "position", "fingerprint")}
    fresh, changed, prints = [], [], []
    # PostgreSQL keeps JSON as jsonb, whatever its key order and escapes: a new item's content
    # goes as the text its fingerprint is made of (one encoding, not two); SQLite keeps the
    # text, encoded as Django's JSONField does.
    as_printed = connection.vendor == "postgresql"
    for position, item in enumerate(items, start=1):
        content = item.to_json()
        printed = dumps_sorted(content)
        print_ = fingerprint(printed)  # item_fingerprint
        prints.append(print_)
        old = stored.pop(item.uid, None)
        if old is not None and old[1:] == [position, print_]:
            continue
        row = {"day": day, "uid": item.uid, "position": position, "rubric": item.rubric,
               "theme": item.theme, "urgent": item.urgent,
               "national": item.scope == "national",
               "departements": framed(item.departements), "content": content,
               "fingerprint": print_}
        if old is None:
            row["content"] = Encoded(printed if as_printed else dumps_ascii(content))
            fresh.append(row)
        else:
            changed.append(EditionItem(pk=old[0], **row))
    if stored:  # items no longer shown (an empty ``delete`` still runs the ORM's collector)
        EditionItem.objects.filter(pk__in=[pk for pk, *_ in stored.values()]).delete()
    insert_rows(EditionItem, fresh)
    update_rows(changed, ["position", "rubric", "theme", "urgent", "national", "departements",
                          "content", "fingerprint"])
    return prints


def edition_title(day: date, departement: str) -> str:
    return f"L'actualité du {french_date(day, weekday=True)} — {place_label(departement)}"


@dataclass(frozen=True)
class Part:
    """What an edition is made of: its items (count, urgent ones) and their fingerprints."""

    count: int
    urgent: int
    prints: tuple[str, ...]


def parts(items: list[Item], prints: list[str]) -> tuple[Part, dict[str, Part]]:
    """The national part, and each place's local part (places with none are left out)."""
    national, local = [], defaultdict(list)
    for item, print_ in zip(items, prints, strict=True):
        if item.scope == "national":
            national.append((item, print_))
        else:
            # « territoire à préciser » (no département): the national edition's own part.
            for code in item.departements or (NATIONAL,):
                local[code].append((item, print_))

    def part(members: list[tuple[Item, str]]) -> Part:
        return Part(len(members), sum(i.urgent for i, _ in members),
                    tuple(p for _, p in members))
    return part(national), {code: part(members) for code, members in local.items()}


def frame(day: date, headers: dict[str, tuple[str, ...]], count: int, total: int,
          revised_by: list[str]) -> dict:
    """What an edition says around its items; ``revised_by``: what changed it since it first
    appeared (``REVISED_BY``: new or completed texts, the newsroom's work)."""
    closing = (NOTHING_ELSE if count else NOTHING_AT_ALL) if total else ""
    return {"covered": [d.isoformat() for d in covered_days(day)],
            "headers": {slug: list(lines) for slug, lines in headers.items()},
            "closing": closing, "revised": bool(revised_by), "revised_by": revised_by}


def frames_of(day: date, headers: dict[str, tuple[str, ...]], total: int
              ) -> Callable[[int, list[str]], tuple[dict, Encoded]]:
    """``frame`` for the editions of ``day``, with its JSON text as a new row stores it:
    built and encoded once for the hundred editions of a day, which have a handful of frames
    (two closing lines, a few sets of revision reasons)."""
    made: dict[tuple[bool, tuple[str, ...]], tuple[dict, Encoded]] = {}

    def framed(count: int, reasons: list[str]) -> tuple[dict, Encoded]:
        key = (bool(count), tuple(reasons))
        if key not in made:
            shown = frame(day, headers, count, total, reasons)
            made[key] = shown, Encoded(dumps(shown))  # what ``insert_rows`` would write
        return made[key]
    return framed


def revised_by(edition: Edition | None, new_revision: bool, newsroom: bool) -> list[str]:
    """Why the edition changed since it first appeared, this build's reason added (an
    edition revised before reasons were kept: by the sources)."""
    before = dict(edition.frame) if edition else {}
    reasons = set(before.get("revised_by", [SOURCES] if before.get("revised") else []))
    if new_revision:
        reasons.add(NEWSROOM if newsroom else SOURCES)
    return [reason for reason in REVISED_BY if reason in reasons]


def stored_editions(day: date) -> dict[str, list]:
    """The editions of ``day`` by place: primary key, fingerprint, revision and frame (its
    JSON text), read as values: an unchanged edition (most, built again) needs no instance
    and no decoded frame."""
    return {code: stored for code, *stored in Edition.objects.filter(date=day).values_list(
        "departement", "pk", "fingerprint", "revision", Cast("frame", models.TextField()))}


def revisable(pk: int, print_: str, revision: int, frame_text: str) -> Edition:
    """A stored edition that changed, as ``update_rows`` writes it (what is read of it)."""
    return Edition(pk=pk, fingerprint=print_, revision=revision, frame=json.loads(frame_text))


def store_editions(day: date, national: Part, local: dict[str, Part], total: int,
                   headers: dict[str, tuple[str, ...]], newsroom: bool = False
                   ) -> Counter[str]:
    """Create or refresh the national edition and every place's; counts by outcome.
    ``newsroom``: the build follows an editor's correction or article."""
    base = fingerprint(str(total), json.dumps(headers, sort_keys=True), *national.prints)
    current = stored_editions(day)
    counts: Counter[str] = Counter()
    fresh, changed, now = [], [], timezone.now()
    framed = frames_of(day, headers, total)
    for code in [NATIONAL, *places()]:
        own = local.get(code, Part(0, 0, ()))
        print_ = fingerprint(code, base, *own.prints)
        if (known := current.get(code)) is not None and known[1] == print_:
            counts["unchanged"] += 1
            continue
        edition = None if known is None else revisable(*known)
        # An empty fingerprint: converted from the layout that copied items (migration
        # editions 0002); refreshed without counting a revision.
        new_revision = edition is not None and bool(edition.fingerprint)
        count = national.count + own.count
        shown, text = framed(count, revised_by(edition, new_revision, newsroom))
        values = {"title": edition_title(day, code), "fingerprint": print_, "frame": shown,
                  "items_count": count, "urgent_count": national.urgent + own.urgent}
        if edition is None:
            fresh.append({"date": day, "departement": code, **values, "frame": text})
            counts["created"] += 1
        else:
            for name, value in values.items():
                setattr(edition, name, value)
            edition.revision += 1 if new_revision else 0
            edition.updated_at = now
            changed.append(edition)
            counts["updated"] += 1
    # A hundred new rows a day: as plain values (``bulk_create`` prepared each one through
    # the field machinery, a third of a history's day of editions).
    insert_rows(Edition, fresh)
    update_rows(changed, ["title", "fingerprint", "frame", "items_count", "urgent_count",
                          "revision", "updated_at"])
    return counts


def drop_day(day: date) -> Counter[str]:
    """No text published on ``day``: no edition (an empty one would pass for a day of
    publication in the archive); those built before are removed, with their items."""
    with transaction.atomic():
        EditionItem.objects.filter(day=day).delete()
        deleted = Edition.objects.filter(date=day).delete()[1].get(Edition._meta.label, 0)
    return Counter(deleted=deleted) if deleted else Counter()


def edition_days(uids: set[str], left: Iterable[date] = ()) -> set[date]:
    """The edition days of these texts' publication days and of the days ``left`` (where
    texts were published before being moved: their editions must let them go); with a
    weekend day, the Monday after it when that Monday has editions: built when Monday
    covered the weekend, it must let go of the weekend's texts."""
    from vigie.editions.calendar import built_before, edition_day
    days: set[date] = set(left)
    ordered = sorted(uids)
    for chunk in (ordered[i:i + 500] for i in range(0, len(ordered), 500)):
        days.update(list(Document.objects.filter(uid__anyof=dict.fromkeys(chunk),
                                                 rubric__in=EDITION_RUBRICS)
                         .exclude(date_publi=None).values_list("date_publi", flat=True)
                         .distinct()))
    days = {edition_day(d) for d in days}
    return days | {m for d in list(days) for m in built_before(d)
                   if Edition.objects.filter(date=m).exists()}


def build_day(day: date, *, newsroom: bool = False, sources: Sources | None = None
              ) -> Counter[str]:
    """Build the national edition and every place's for ``day``; counts by outcome
    (``created``, ``updated``, ``unchanged``; ``deleted`` when nothing was published that
    day and editions were there). ``newsroom``: after an editor's work, which the revision
    notice of a changed edition then names. ``sources``: what the builds of several days
    read together (``sources.Reading``); read for ``day`` alone otherwise."""
    if sources is None or day not in sources.days:
        sources = Sources.read([day])
    items, total = load_items(day, sources)
    if not total:
        return drop_day(day)
    headers = sources.headers(day)
    with transaction.atomic():
        prints = store_items(day, items)
        national, local = parts(items, prints)
        return store_editions(day, national, local, total, headers, newsroom)
