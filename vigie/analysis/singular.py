"""Texts whose object is one named thing other than a person: an individual measure too.

The policy (§4) leaves out individual measures with no local effect. A nomination names one
person and its form says so (« portant nomination »); other individual measures name one
thing, with no rule for anyone else:

- one named audiovisual service (« modifiant le nom du service RDJ Mayotte », « le service
  de télévision « ERE TV » »): the broadcasting authority's decision binds its editor, not
  the local authorities of the place it broadcasts to;
- one piece of State property abroad (« cession amiable d'un ensemble immobilier sis …,
  Danemark »): a transaction of the State's estate in another country touches no French
  territory. A property in France is not such a measure by itself: it may be ceded to the
  communes where it lies (policy §3), which its title does not always say.

A decision granted to a local authority (« autorisant la commune de … ») is no such measure
either: its actor (``actors``) keeps it for the territory. The form settles such a text
whatever its words (``features.Structure.veto``), but editors label it as any other line, so
the weights still learn from it. Pure: a title in, the reason out (French, shown to readers),
or "".
"""

from __future__ import annotations

import re

from vigie.analysis.actors import actor_values
from vigie.analysis.normalize import by_first_character, fold
from vigie.reference.proper_names import COUNTRIES

# A service named by its proper name: the article, « service » (of radio or television), then
# a capital, a digit or a quotation mark (« du service RDJ Réunion », « le service de radio
# dénommé « Radio X » »). Read on the title as written: a common noun after « service »
# (« au service local du domaine », « du service public ») is no name.
_NAMED_SERVICE = re.compile(r"\b(?:du|le|au) service (?:de (?:radio|télévision) )?"
                            r"(?:dénommé |intitulé )?(?:« ?|\")?[A-Z0-9]")
# One piece of property (a building, a plot), read on the folded title.
_ONE_PROPERTY = re.compile(r"\b(?:d'un|d'une|de l'|l'|un|une) (?:ensemble immobilier|immeuble|"
                           r"bien immobilier|propriete|terrain|emprise|parcelle)\b")
# Countries, as a title writes them (capitalised, whole words). Groups of countries and seas
# (« Afrique », « Méditerranée ») name no country where a property lies; « Maurice » is also
# a first name, common in the names of French streets.
_FOREIGN = re.compile(r"\b(?:" + "|".join(
    re.escape(name) for name in COUNTRIES
    if name not in {"Afrique", "Amérique", "Asie", "Océanie", "Méditerranée", "Maurice"})
    + r")\b")
# The same names gathered by their first character (``by_first_character``), the word bound
# before them left to ``_foreign``: a pattern that begins with a letter of a set lets the
# regex engine jump in C to the capitals of a title (a bound tried at every character costs
# a title some 13 µs, nearly every title having none of these names).
_FOREIGN_NAMES = re.compile(by_first_character(_FOREIGN.pattern)[len("\\b"):])
_WORD_CHAR = re.compile(r"\w")

NAMED_SERVICE = "mesure individuelle : un service audiovisuel nommé, sans règle pour d'autres"
PROPERTY_ABROAD = ("mesure individuelle : un bien de l'État situé à l'étranger, hors de tout "
                   "territoire français")


# What says the service is a broadcast one: the title's words or its issuer (the authority of
# audiovisual communication, whatever its name: CSA, Arcom). A State's digital service
# (« le service FranceConnect ») is no such measure: a rule for all who use it.
_AUDIOVISUAL = re.compile(r"radio|t[ée]l[ée]vis|audiovisuel|arcom\b", re.IGNORECASE)


def singular_object(title: str, issuer: str = "") -> str:
    """Why the title's object is one named thing (a reason in French), or "" when it is not;
    ``issuer``: who published it (the ministry line)."""
    if "service" in title and _NAMED_SERVICE.search(title) \
            and _AUDIOVISUAL.search(f"{title} {issuer}") \
            and "acteur:local" not in actor_values(title):  # a commune's own service is news
        return NAMED_SERVICE
    if _foreign(title) and _ONE_PROPERTY.search(fold(title).replace("’", "'")):
        return PROPERTY_ABROAD
    return ""


def _foreign(title: str) -> bool:
    """Whether ``_FOREIGN`` finds a country in ``title``: the first place, from the left, where
    ``_FOREIGN_NAMES`` matches after a word bound (each name begins with a letter: the bound
    is a start, or a character before it that is no letter, digit nor « _ »)."""
    pos = 0
    while (found := _FOREIGN_NAMES.search(title, pos)) is not None:
        start = found.start()
        if start == 0 or not _WORD_CHAR.match(title, start - 1):
            return True
        pos = start + 1
    return False
