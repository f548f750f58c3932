"""Every decision the analysis makes on the real texts at hand, one JSON line each, to compare
the analysis before and after a change meant to make it faster, not different.

The items: each labelled line of ``shared/eval`` (the sommaire line, and its full text when
the shared corpus holds it), every text of the shared corpus and of the test fixtures (XML
files and tarball members), and the titles of ``tests/fixtures/holdout_titles.jsonl``. Each line
is the decision's JSON (``Decision.to_json``: what is stored and shown) with the item's key.

Usage (the same data directory both times; ``diff`` prints nothing when nothing changed)::

    python scripts/decisions_snapshot.py /tmp/before.jsonl   # on the code before
    python scripts/decisions_snapshot.py /tmp/after.jsonl    # on the code after
    diff /tmp/before.jsonl /tmp/after.jsonl
"""

from __future__ import annotations

import json
import sys
import tarfile
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from vigie.analysis.engine import analyse  # noqa: E402
from vigie.analysis.learning.dataset import SHARED, MissingLabels, default_files, load  # noqa: E402
from vigie.analysis.records import Item  # noqa: E402
from vigie.parsing.dispatch import parse_member  # noqa: E402
from vigie.parsing.model import ParsedText  # noqa: E402

FIXTURES = REPO / "tests" / "fixtures"


def labelled() -> Iterator[tuple[str, Item]]:
    try:
        examples = load(default_files())
    except MissingLabels:
        return
    for number, example in enumerate(examples):
        yield f"ligne:{example.label.idtxt}:{number}", example.item
        if example.full is not None:
            yield f"intégral:{example.label.idtxt}:{number}", example.full


def _text(name: str, data: bytes) -> Item | None:
    try:
        parsed = parse_member(name, data)
    except Exception:  # noqa: BLE001 - not a text of a known format
        return None
    return Item.from_parsed(parsed) if isinstance(parsed, ParsedText) else None


def files() -> Iterator[tuple[str, Item]]:
    for root in (SHARED / "corpus", FIXTURES):
        for path in sorted(root.rglob("*.xml")):
            item = _text(path.name, path.read_bytes())
            if item is not None:
                yield f"xml:{path.relative_to(root.parent)}", item
        for path in sorted(root.rglob("*.tar.gz")):
            with tarfile.open(path) as archive:
                for member in archive:
                    if member.isfile() and member.name.endswith(".xml"):
                        item = _text(member.name, archive.extractfile(member).read())
                        if item is not None:
                            yield f"tar:{path.relative_to(root.parent)}:{member.name}", item


def titles() -> Iterator[tuple[str, Item]]:
    path = FIXTURES / "holdout_titles.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        entry = json.loads(line)
        yield f"titre:{number}", Item(title=entry["title"], section=entry.get("section", ""))


def main() -> None:
    count = 0
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for source in (labelled(), files(), titles()):
            for key, item in source:
                decision = analyse(item).to_json()
                out.write(json.dumps({"clé": key, **decision}, ensure_ascii=False,
                                     sort_keys=True) + "\n")
                count += 1
    print(f"{count} décisions écrites dans {sys.argv[1]}")


if __name__ == "__main__":
    main()
