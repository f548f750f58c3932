"""Which edition days no longer show what their texts' decisions say (``vigie repair``).

A day is stale when its editions are missing (one national, one per place), when its retained
texts are not exactly its stored items (what a crash between analysing and publishing leaves
behind; a Monday built when it covered the weekend), or when it has editions but no texts.
Reads whole lists, never a cursor left open.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from vigie.documents.models import Document
from vigie.editions.calendar import edition_day
from vigie.editions.models import Edition, EditionItem
from vigie.editions.newsroom import editorial_uids
from vigie.reference.places import places
from vigie.reference.taxonomy import EDITION_RUBRICS


def stale_days() -> list[date]:
    """Edition days to build again (``build_day`` leaves unchanged editions alone, and
    removes those of a day without texts)."""
    expected: dict[date, set[str]] = defaultdict(set)  # a day with texts has editions
    texts = (Document.objects.filter(rubric__in=EDITION_RUBRICS).exclude(title="")
             .exclude(date_publi=None)
             .values_list("uid", "date_publi", "analysis__retained", "correction__changes"))
    for uid, published, retained, changes in list(texts):
        bucket = expected[edition_day(published)]
        # The effective decision: the newsroom's « retained » over the machine's.
        if (changes or {}).get("retained", retained):
            bucket.add(uid)
    for day, uids in editorial_uids(expected).items():  # the newsroom's own items
        expected[day] |= uids
    shown: dict[date, set[str]] = defaultdict(set)
    for day, uid in list(EditionItem.objects.values_list("day", "uid")):
        shown[day].add(uid)
    built = Counter(list(Edition.objects.values_list("date", flat=True)))
    wanted = 1 + len(places())
    return sorted(day for day in {*expected, *shown, *built}
                  if expected.get(day, set()) != shown.get(day, set())
                  or built[day] != (wanted if day in expected else 0))
