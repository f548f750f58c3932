"""Daily editions per département: what a reader sees, computed once and kept.

``content`` is the shape of an edition and of its items (typed, pure); ``builder`` makes the
day's items and editions; ``models`` stores each item once per day and each edition with
what frames its items; ``reading`` and ``recent`` give them back as typed content.
"""
