"""Finding the territories a text names: régions, départements, communes and EPCI.

Three modules, from the line to the text: ``cues`` (the words around a name that tell what
it is), ``scan`` (the place names of one line, with their evidence) and ``find`` (the rules
that turn names into ``Territory`` records for a whole text, homonyms settled). The tables
come from ``vigie.reference.geography``.
"""

from vigie.analysis.territories.find import Territory, find_territories

__all__ = ["Territory", "find_territories"]
