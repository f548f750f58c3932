"""Finding the territories a text names: régions, départements, communes and EPCI.

Ten modules, from the line to the text: ``words`` (a line cut into folded words that
remember how they are joined), ``variants`` (a compound commune name written with another
linking word), ``cues`` (the words around a name that tell what it is, or
that it is no territory), ``mention`` (the record of a place a line names), ``named`` (EPCI,
the areas the COG lacks, départements in parentheses), ``intercommunal`` (an intercommunal
body whose name the EPCI table lacks), ``groups`` (the Antilles, compounds of overseas names,
the coast of a région, a région in parentheses that only locates, a région of the body
that gives way to its narrower places), ``scan`` (the place names
of one line, with their evidence), ``tables`` (what the columns of
a table and the annexes of a text hold) and ``find`` (the rules that turn names into
``Territory`` records for a whole text, homonyms settled, and the communes its tables list
into ``CommuneLine`` records). The geography comes from ``vigie.reference.geography``,
``vigie.reference.areas`` and ``vigie.reference.coast``.
"""

from vigie.analysis.territories.find import Places, Territory, find_territories, read_places

__all__ = ["Places", "Territory", "find_territories", "read_places"]
