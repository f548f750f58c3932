"""One identifier several times in a DECP file: which contracts it stands for, which state of
each is stored, and what the file is told.

A DECP record is keyed by its ``uid``, else its buyer's SIRET and its ``id``. Real files give
one key several times, for two reasons seen in the corpus: the same contract published again
(other publication date, other wording; the State's file has 188 such keys), and the lots of
one procedure under one ``id``, each with its own winner and amount (e-marchespublics: the
twelve lots of one works contract). Keeping the last record of a key lost every lot but one,
and could replace a dated state by a later record without dates. Here a contract is its key
with its winners and amount: the first such contract of a key keeps the key's document (its
uid as before), each other one has its own (``key#2``, ``key#3``… in the file's order); of
the states of one contract, the most recently published is stored (equal: the last read).
Both cases are reported, naming the identifiers.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date

from vigie.parsing.decp import Contract

NAMED = 5  # identifiers named in a message, before « … »


def contract_uid(key: str) -> str:
    return "DECP" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:28]


def by_contract(contracts: list[Contract]) -> tuple[dict[str, Contract], list[str]]:
    """uid → the state of each contract to store, in the file's order; and the problems."""
    groups: dict[str, dict[tuple, list[Contract]]] = {}
    for contract in contracts:
        groups.setdefault(contract.key, {}).setdefault(
            (contract.winners, contract.amount), []).append(contract)
    chosen: dict[str, Contract] = {}
    repeated: list[tuple[str, int]] = []
    shared: list[tuple[str, int]] = []
    for key, identities in groups.items():
        for rank, states in enumerate(identities.values(), start=1):
            chosen[contract_uid(key if rank == 1 else f"{key}#{rank}")] = _latest(states)
            if len(states) > 1:
                repeated.append((key, len(states) - 1))
        if len(identities) > 1:
            shared.append((key, len(identities)))
    return chosen, _said(repeated, shared)


def _latest(states: list[Contract]) -> Contract:
    """The most recently published state (equal, or none dated: the last read)."""
    return max(enumerate(states), key=lambda s: (s[1].published or date.min, s[0]))[1]


def _said(repeated: list[tuple[str, int]], shared: list[tuple[str, int]]) -> list[str]:
    problems = []
    if repeated:
        names = _names(f"{key} ({more} fois de plus)" for key, more in repeated)
        problems.append(f"{len(repeated)} marché(s) présent(s) plusieurs fois dans le fichier "
                        f"(même identifiant, même titulaire et même montant : {names}) : "
                        "l'état publié le plus récemment est gardé")
    if shared:
        names = _names(f"{key} ({count} marchés)" for key, count in shared)
        problems.append(f"{len(shared)} identifiant(s) donné(s) à plusieurs marchés distincts "
                        f"(même acheteur, autre titulaire ou montant : {names}) : chacun est "
                        "gardé")
    return problems


def _names(items: Iterable[str]) -> str:
    listed = list(items)
    return ", ".join(listed[:NAMED]) + (", …" if len(listed) > NAMED else "")
