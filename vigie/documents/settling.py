"""The garbage collector's settings while deliveries are read and written: the objects alive
before left out of its scans, its young passes spaced (``settled_objects``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Young objects the garbage collector lets pile up before a pass while a delivery is read and
# written and its later steps run (Python's default, 700, meant a pass every few hundred parsed
# records or decisions, and passes over what survived them, dead soon after: 0.3 s of the
# 0.4 s the collector took in the writing process of an ingest with analysis, on the bench).
YOUNG_OBJECTS = 20_000


@contextmanager
def settled_objects() -> Iterator[None]:
    """While deliveries are read and written (and, for ``vigie ingest``, their later steps
    run): the objects alive before (Django, the modules, their caches) are left out of the
    garbage collector's scans (the oldest generation's passes scanned them all again), and its
    young passes run every ``YOUNG_OBJECTS`` objects. Inside another, changes nothing."""
    if gc.get_freeze_count():  # an outer one holds them already
        yield
        return
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        gc.unfreeze()
