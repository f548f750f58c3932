"""How long « Vouliez-vous dire » takes on a vocabulary and an index of realistic size.

The vocabulary is a French dictionary of inflected forms (Debian's ``wfrench``,
/usr/share/dict/french: some 340 000 words, accents included, more than the distinct words of
a year of the Journal officiel); ``TEXTS`` entries (200 000 by default) each hold
``WORDS`` of those words drawn by Zipf's law, as stems in the engine and as text for the
vocabulary to read (``catch_up``, timed). Then each mistyped query's suggestion is timed (the
median of ``RUNS``). The database is the one ``VIGIE_DATABASE_URL`` names, migrated here:
give an empty one (its search tables are emptied first).

    VIGIE_DATABASE_URL=sqlite:////tmp/bench.sqlite3 python bench/suggestion.py
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from itertools import accumulate
from pathlib import Path

DICTIONARY = Path("/usr/share/dict/french")
TEXTS = int(os.environ.get("BENCH_TEXTS", "200000"))
WORDS = 60
RUNS = 5
# The words meant, common in the texts (as in the Journal officiel): given Zipf ranks from 100.
MEANT = ("subvention", "urbanisme", "intercommunalité", "aménagement", "collectivité",
         "environnement", "assainissement", "préfecture", "élection", "municipale", "élève")
TYPOS = ("subvension", "urbnisme", "intercomunalité", "amenagment", "colectivité",
         "enviromnement", "assainissemnt", "prefecure", "élection municpale", "eleve",
         "subvention")


def main() -> None:
    if not DICTIONARY.exists():
        sys.exit(f"{DICTIONARY} absent : apt-get install wfrench")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigie.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    vocabulary = _vocabulary()
    print(f"{connection.vendor} : {len(vocabulary)} mots du dictionnaire, {TEXTS} textes de "
          f"{WORDS} mots", flush=True)
    _fill(vocabulary)
    from vigie.web.models import SearchWord
    from vigie.web.search.vocabulary import catch_up

    began = time.perf_counter()
    catch_up()
    print(f"  vocabulaire lu en {time.perf_counter() - began:.1f} s : "
          f"{SearchWord.objects.count()} mots", flush=True)
    _time_suggestions()


def _vocabulary() -> list[str]:
    from vigie.web.search.text import fold
    from vigie.web.search.typos import checked

    words = [w.strip() for w in DICTIONARY.read_text(encoding="utf-8").splitlines()]
    return [w for w in dict.fromkeys(words) if checked(fold(w))]


def _fill(vocabulary: list[str]) -> None:
    """Documents and their search entries, in chunks (stems made here as the index does)."""
    from django.db import transaction

    from vigie.documents.bulk import insert_rows
    from vigie.documents.models import Document
    from vigie.web.models import SearchEntry, SearchState, SearchWord
    from vigie.web.search import fts
    from vigie.web.search.text import stemmed

    SearchWord.objects.all().delete()
    SearchEntry.objects.all().delete()
    SearchState.objects.all().delete()
    Document.objects.filter(uid__startswith="BENCHSUGG").delete()
    rng = random.Random(7)
    rng.shuffle(vocabulary)
    for rank, word in enumerate(MEANT, 100):
        if word in vocabulary:
            vocabulary.remove(word)
        vocabulary.insert(rank, word)  # (« intercommunalité » is in no dictionary)
    cumulative = list(accumulate(1 / rank for rank in range(1, len(vocabulary) + 1)))
    began, step = time.perf_counter(), 2000
    for start in range(0, TEXTS, step):
        docs = [{"uid": f"BENCHSUGG{n:09d}", "title": f"Texte {n}", "rubric": "jo"}
                for n in range(start, min(TEXTS, start + step))]
        with transaction.atomic():
            insert_rows(Document, docs)
            ids = dict(Document.objects.filter(uid__in=[d["uid"] for d in docs])
                       .values_list("uid", "id"))
            rows = []
            for doc in docs:
                text = " ".join(rng.choices(vocabulary, cum_weights=cumulative, k=WORDS))
                rows.append({"document_id": ids[doc["uid"]], "uid": doc["uid"],
                             "title": doc["title"], "text": text, "index_title": "",
                             "index_body": stemmed(text), "index_version": 4})
            fts.replace([], rows)
    print(f"  index rempli en {time.perf_counter() - began:.0f} s", flush=True)


def _time_suggestions() -> None:
    from vigie.web.search.suggestion import suggestion
    from vigie.web.search.text import query_terms

    for query in TYPOS:
        terms = query_terms(query)
        times, found = [], ""
        for _ in range(RUNS):
            began = time.perf_counter()
            found = suggestion(query, terms, 0)
            times.append(time.perf_counter() - began)
        print(f"  {query!r:28} → {found!r:28} {statistics.median(times) * 1000:6.1f} ms",
              flush=True)


if __name__ == "__main__":
    main()
