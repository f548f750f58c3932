"""The garbage collector's settings while deliveries are read and written: the objects alive
before left out of its scans, its young passes spaced (``settled_objects``; in a parsing
worker, for its whole life: ``settled_worker``)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Young objects the garbage collector lets pile up before a pass while a delivery is read and
# written and its later steps run (Python's default, 700, meant a pass every few hundred parsed
# records or decisions, and passes over what survived them, dead soon after: 0.3 s of the
# 0.4 s the collector took in the writing process of an ingest with analysis, on the bench).
YOUNG_OBJECTS = 20_000
# Whether a ``settled_objects`` is under way (not the count of frozen objects: ``vigie.cli``
# freezes those of its start-up).
_under_way: list[bool] = []


@contextmanager
def settled_objects() -> Iterator[None]:
    """While deliveries are read and written (and, for ``vigie ingest``, their later steps
    run): the objects alive before (Django, the modules, their caches) are left out of the
    garbage collector's scans (the oldest generation's passes scanned them all again), and its
    young passes run every ``YOUNG_OBJECTS`` objects. Inside another, changes nothing."""
    if _under_way:  # an outer one holds them already
        yield
        return
    threshold = gc.get_threshold()
    gc.freeze()  # (``vigie.cli`` froze those of its start-up already: these join them)
    gc.set_threshold(YOUNG_OBJECTS, *threshold[1:])
    _under_way.append(True)
    try:
        yield
    finally:
        _under_way.clear()
        gc.set_threshold(*threshold)
        gc.unfreeze()


def settled_worker() -> None:
    """In a parsing worker, from its start to its end: what ``settled_objects`` does, and the
    collector on, whatever the process that forked it had (``vigie.cli`` starts up with it
    off). Its passes took some 30 ms of a worker's 1.6 s on the bench (20 000 files), over
    records dead as soon as sent."""
    gc.enable()
    gc.freeze()
    gc.set_threshold(YOUNG_OBJECTS, *gc.get_threshold()[1:])
