"""Finding the territories a text names: régions, départements, communes and EPCI.

Seven modules, from the line to the text: ``words`` (a line cut into folded words that
remember how they are joined), ``cues`` (the words around a name that tell what it is, or
that it is no territory), ``named`` (EPCI, the areas the COG lacks, départements in
parentheses), ``intercommunal`` (an intercommunal body whose name the EPCI table lacks),
``scan`` (the place names of one line, with their evidence), ``tables`` (what the columns of
a table and the annexes of a text hold) and ``find`` (the rules that turn names into
``Territory`` records for a whole text, homonyms settled, and the communes its tables list
into ``CommuneLine`` records). The geography comes from ``vigie.reference.geography`` and
``vigie.reference.areas``.
"""

from vigie.analysis.territories.find import Places, Territory, find_territories, read_places

__all__ = ["Places", "Territory", "find_territories", "read_places"]
