"""The sources a run can be asked to read, as ``vigie sync --source``, ``vigie morning
--source`` and the ``vigie.morning`` task name them, with their French names.

Owned here, below every stage, so that the commands build their options without loading the
pipeline (and Django), and the pipeline (``pipeline.every_source``) reads them in this order.
"""

from __future__ import annotations

from vigie.config import ConfigError

SOURCES = ("dila", "an", "senat", "feeds", "judilibre", "circulaires", "eu", "all")
PARLEMENT = "an senat"  # within ``all``, both chambers in one run (one journal entry)
FEEDS_RUN = "flux"  # the journal's name of a poll of the followed feeds (``feeds``)
# What ``all`` reads, in order (« eu »: the acts of EU law, from Cellar).
EVERY = ("dila", "circulaires", "feeds", PARLEMENT, "eu", "judilibre")
LABELS = {"dila": "Journal officiel", "circulaires": "Circulaires", "feeds": "Flux suivis",
          "an": "Assemblée nationale", "senat": "Sénat", PARLEMENT: "Parlement",
          "eu": "Union européenne", "judilibre": "Judilibre"}
SKIPPED_VARIABLE = "VIGIE_SOURCES_SKIPPED"


def skipped_sources(value: str) -> frozenset[str]:
    """The sources named in ``VIGIE_SOURCES_SKIPPED`` (spaces or commas between them), which
    ``all`` leaves out; a name that is no source is refused (``ConfigError``, in French: the
    command stops, status 2)."""
    names = frozenset(value.replace(",", " ").split())
    unknown = sorted(names - (set(SOURCES) - {"all"}))
    if unknown:
        raise ConfigError(f"{SKIPPED_VARIABLE} ne nomme pas une source : « {unknown[0]} » "
                         f"(attendu : {', '.join(s for s in SOURCES if s != 'all')}).")
    return names


def every(skipped: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """What ``all`` reads, in order, but the ``skipped`` sources (one chamber skipped: the
    other read alone)."""
    runs = []
    for unit in EVERY:
        kept = " ".join(name for name in unit.split() if name not in skipped)
        if kept:
            runs.append(kept)
    return tuple(runs)


NO_KEY = ("Judilibre non synchronisé : aucune clé d'accès (VIGIE_JUDILIBRE_KEY, à demander "
          "sur piste.gouv.fr).")
