"""The web site for readers: editions, items, archive, search, feeds, API, calendar."""
