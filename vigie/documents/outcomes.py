"""What a delivery did to each text it met: created, updated or unchanged."""

from __future__ import annotations


class Outcomes(dict[str, str]):
    """created | updated | unchanged, per text; ``changed`` gathers the texts set otherwise
    than unchanged since it was last emptied (each commit's follow-ups come from it rather
    than from every text of the delivery, at each commit)."""

    def __init__(self) -> None:
        super().__init__()
        self.changed: set[str] = set()

    def __setitem__(self, uid: str, outcome: str) -> None:
        super().__setitem__(uid, outcome)
        if outcome != "unchanged":
            self.changed.add(uid)
