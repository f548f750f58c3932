"""What revised an edition since it first appeared, and how the edition says so.

An edition's frame keeps ``revised_by``: texts delivered or completed (``SOURCES``), the
newsroom's corrections and articles (``NEWSROOM``). The page's notice and the line of the text
(and of the e-mails) name them, so that readers know an editor changed what they read.
"""

from __future__ import annotations

from collections.abc import Sequence

SOURCES, NEWSROOM = "sources", "newsroom"
REVISED_BY = (SOURCES, NEWSROOM)
WHY = {(SOURCES,): "des textes ont été livrés ou complétés",
       (NEWSROOM,): "la rédaction a corrigé ou complété son contenu",
       REVISED_BY: "des textes ont été livrés ou complétés, et la rédaction a corrigé ou "
                   "complété son contenu,"}


def notice(revised_by: Sequence[str], revision: int) -> str:
    """The page's notice (an edition revised before reasons were kept: by the sources)."""
    why = WHY[tuple(revised_by) or (SOURCES,)]
    return f"Édition mise à jour (révision {revision}) : {why} depuis sa première parution."


def line(revised_by: Sequence[str], revision: int) -> str:
    """The notice in the text of an edition and of a digest."""
    by = ", avec des corrections de la rédaction" if NEWSROOM in revised_by else ""
    return f"(Édition mise à jour, révision {revision}{by})"
