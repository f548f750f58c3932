"""The newsroom's back office under ``/redaction/``: sign-in, the day's review queue,
corrections, editorial items, reviewed editions and digest holds.

Pages for editors only (``access``): behind a sign-in and CSRF, answers never cached.
What they change is kept by ``vigie.newsroom``; the affected editions are rebuilt at once
(``vigie.editions.builder.build_day``), so pages, feeds, API and the digests not yet sent
carry the change.
"""
