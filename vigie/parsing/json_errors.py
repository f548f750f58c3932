"""Python's messages about a JSON file it cannot read, said in French.

An operator read « JSON invalide : Expecting ',' delimiter: line 1 column 17 (char 16) » or
« JSON mal formé (ligne 1, colonne 22 : Unterminated string starting at) » in `vigie
anomalies`. The messages of the ``json`` module (and of a file that is not UTF-8) are said in
French, with where the fault is; any other keeps Python's words, marked as such.
"""

from __future__ import annotations

import json

_SAID = {
    "Expecting value": "valeur attendue (fichier vide ou coupé ?)",
    "Expecting ',' delimiter": "virgule attendue (fichier coupé ?)",
    "Expecting ':' delimiter": "deux-points attendu",
    "Expecting property name enclosed in double quotes": "nom de champ entre guillemets attendu",
    "Unterminated string starting at": "texte entre guillemets jamais fermé (fichier coupé ?)",
    "Invalid control character at": "caractère de contrôle interdit dans un texte",
    "Invalid \\escape": "séquence d'échappement invalide",
    "Invalid \\uXXXX escape": "séquence \\uXXXX invalide",
    "Extra data": "contenu après la fin du document",
}


def json_reason(error: ValueError) -> str:
    """Where and what: « ligne 1, colonne 17 : virgule attendue (fichier coupé ?) »."""
    if isinstance(error, UnicodeDecodeError):
        return (f"octets qui ne sont pas de l'UTF-8 valide (position {error.start} : "
                f"{error.object[error.start:error.start + 1]!r})")
    if isinstance(error, json.JSONDecodeError):
        said = _SAID.get(error.msg, f"message de Python : {error.msg}")
        return f"ligne {error.lineno}, colonne {error.colno} : {said}"
    return f"message de Python : {error}"
