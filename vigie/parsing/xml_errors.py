"""libxml2's messages about a file it cannot read, said in French.

An operator read « XML mal formé (ligne 1, colonne 3 : Premature end of data in tag a line 1) »
or « Maximum entity amplification factor exceeded » in `vigie anomalies`. The messages libxml2
gives for the faults real files have (cut short, tags crossed, entities, encoding) are said in
French; any other keeps libxml2's words, marked as such.
"""

from __future__ import annotations

import re

_SAID: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), french) for pattern, french in (
        (r"^Premature end of data in tag ([^\s,]+)", r"le fichier s'arrête avant la fin de <\1>"),
        (r"^Opening and ending tag mismatch: ([^\s,]+) line \d+ and ([^\s,]+)",
         r"<\1> est fermée par </\2>"),
        (r"^(?:Maximum entity amplification factor exceeded|Detected an entity reference loop"
         r"|.*[Ee]xcessive depth)", "entités imbriquées ou répétées à l'excès (refusé)"),
        (r"^Extra content at the end of the document", "contenu après la fin du document"),
        (r"^Start tag expected, '<' not found", "aucune balise au début du document"),
        (r"^Document is empty", "document vide"),
        (r"^(?:Input is not proper UTF-8|.*[Ii]nvalid (?:UTF-8|bytes?|char))",
         "octets qui ne sont pas de l'UTF-8 valide"),
        (r"^(?:Entity '(\S+)' not defined|EntityRef: expecting ';')",
         "référence d'entité inconnue ou mal écrite"),
        (r"^Couldn't find end of Start Tag ([^\s,]+)", r"balise <\1> non terminée"),
        (r"^(?:AttValue|attributes construct error|Specification mandates value)",
         "attribut mal écrit"),
        (r"^StartTag: invalid element name", "nom de balise invalide"),
        (r"^Char 0x0 out of allowed range|^PCDATA invalid Char value",
         "caractère interdit en XML"),
    ))


def in_french(message: str) -> str:
    """libxml2's ``message`` in French when it is one of the faults above; else its own
    words, said to be libxml2's."""
    message = message.strip()
    for pattern, french in _SAID:
        found = pattern.match(message)
        if found:
            return found.expand(french)
    return f"selon libxml2 : « {message} »"
