"""The CPU priority of batch work: ingestion, synchronisation, analysis, editions, sending
and the task queue's workers run below the site, so that readers keep being answered while
the morning run writes.

On a machine that serves the site and runs the batch (two cores are common), a batch at the
same priority takes its share of the CPU from every request; lowered (``nice``), it takes
what the site leaves and finishes a little later — nothing else changes. VIGIE_BATCH_NICE
(0 to 19, default 10; 0 keeps the priority the command started with). The priority is only
ever lowered, to that value at most, never raised: the command called twice, or started
under ``nice -n 15``, keeps the lower one; the processes a batch starts (the workers' pool)
inherit it.
"""

from __future__ import annotations

import os

NICEST = 19  # the lowest priority a process can take


def lower_batch_priority(nice: int | None = None) -> int:
    """Lower this process's CPU priority to ``nice`` (VIGIE_BATCH_NICE by default); returns
    the niceness now in force."""
    if nice is None:
        from vigie.config import batch_nice

        nice = batch_nice()
    current = os.getpriority(os.PRIO_PROCESS, 0)
    wanted = min(max(nice, 0), NICEST)
    if wanted > current:  # only lowered: raising it back would need privileges
        os.setpriority(os.PRIO_PROCESS, 0, wanted)
    return os.getpriority(os.PRIO_PROCESS, 0)
