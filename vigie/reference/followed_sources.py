"""The sources a run can be asked to read, as ``vigie sync --source``, ``vigie morning
--source`` and the ``vigie.morning`` task name them, with their French names.

Owned here, below every stage, so that the commands build their options without loading the
pipeline (and Django), and the pipeline (``pipeline.every_source``) reads them in this order.
"""

from __future__ import annotations

SOURCES = ("dila", "an", "senat", "feeds", "judilibre", "circulaires", "eu", "all")
PARLEMENT = "an senat"  # within ``all``, both chambers in one run (one journal entry)
FEEDS_RUN = "flux"  # the journal's name of a poll of the followed feeds (``feeds``)
# What ``all`` reads, in order (« eu »: the acts of EU law, from Cellar).
EVERY = ("dila", "circulaires", "feeds", PARLEMENT, "eu", "judilibre")
LABELS = {"dila": "Journal officiel", "circulaires": "Circulaires", "feeds": "Flux suivis",
          "an": "Assemblée nationale", "senat": "Sénat", PARLEMENT: "Parlement",
          "eu": "Union européenne", "judilibre": "Judilibre"}
NO_KEY = ("Judilibre non synchronisé : aucune clé d'accès (VIGIE_JUDILIBRE_KEY, à demander "
          "sur piste.gouv.fr).")
