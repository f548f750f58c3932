"""The « notice » of a text: split its plain text into :class:`Notice` fields.

This module owns the recognition of the labelled paragraphs that open many décrets and arrêtés
(« Publics concernés : », « Objet : », « Entrée en vigueur : », « Notice : », « Références : »,
« Application : ») in two places:

* ``NOTICE/CONTENU`` (:func:`parse_notice`): every line belongs to the last label seen; a field
  spans several lines until the next label; text before the first label goes to ``notice``.
* the top of ``VISAS`` in older texts whose ``NOTICE`` is empty (:func:`split_visas_notice`): the
  labelled paragraphs are taken out and the rest is returned as the visas proper.

Labels are matched leniently: case, accents, plural (« Public concerné »), « Notice explicative »,
non-breaking or missing spaces around the colon. Input is the plain text produced by
:mod:`vigie.parsing.html` (one paragraph per line).
"""

from __future__ import annotations

from vigie.parsing.model import Notice
from vigie.parsing.records import new_notice
from vigie.parsing.xmltools import clean

_FIELDS = {
    "publics concernés": "publics",
    "entrée en vigueur": "entree_en_vigueur",
    "références": "references",
    "publics concernes": "publics",
    "public concerne": "publics",
    "publics concerne": "publics",
    "public concernes": "publics",
    "objet": "objet",
    "entree en vigueur": "entree_en_vigueur",
    "notice": "notice",
    "notice explicative": "notice",
    "references": "references",
    "reference": "references",
    "application": "application",
}
_MAX_LABEL = 30  # longest label with its spacing, colon excluded
_DEACCENT = str.maketrans("éèêÉÈÊ", "eeeeee")
# A line that opens the visas proper: "Le Premier ministre,", "Vu …", "Sur le rapport …".
_VISAS_STARTS = ("Vu ", "Vu\u00a0", "Sur ")
_VISAS_ENDS = (",", "Décrète :", "Arrête :", "Arrêtent :", "Décide :", "Décident :")


def parse_notice(text: str, origin: str = "notice") -> Notice:
    """Split the plain text of a notice into fields; ``Notice()`` when ``text`` is blank."""
    # (``clean`` is ``" ".join(raw.split())``, without splitting lines already clean)
    lines = [line for line in map(clean, text.split("\n")) if line]
    if not lines:
        return new_notice()
    fields: dict[str, list[str]] = {}
    current = "notice"
    for line in lines:
        labelled = split_label(line)
        if labelled is not None:
            current, line = labelled
            if not line:
                fields.setdefault(current, [])
                continue
        fields.setdefault(current, []).append(line)
    return new_notice(origin=origin, **{key: "\n".join(value) for key, value in fields.items()})


def split_visas_notice(visas: str) -> tuple[Notice, str]:
    """Take the notice paragraphs off the top of the visas text.

    Returns ``(notice, visas without those paragraphs)``; the notice has ``origin="visas"``, or is
    ``Notice()`` with the visas unchanged when the first line carries no notice label. A line that
    carries no label continues the current field unless it opens the visas proper (it starts with
    « Vu » / « Sur » or ends with a comma or a « Décrète : »-like formula).
    """
    lines = visas.split("\n")
    if not lines or split_label(lines[0]) is None:
        return new_notice(), visas
    end = 1
    while end < len(lines):
        line = lines[end]
        if split_label(line) is None and _opens_visas(line):
            break
        end += 1
    notice = parse_notice("\n".join(lines[:end]), origin="visas")
    return notice, "\n".join(lines[end:])


def split_label(line: str) -> tuple[str, str] | None:
    """``(field name, rest of the line)`` when ``line`` starts with a notice label, else None."""
    colon = line.find(":", 0, _MAX_LABEL + 1)
    if colon <= 0:
        return None
    key = " ".join(line[:colon].lower().split())
    field = _FIELDS.get(key) or _FIELDS.get(key.translate(_DEACCENT))
    if field is None:
        return None
    return field, clean(line[colon + 1 :])


def _opens_visas(line: str) -> bool:
    """True when ``line`` looks like the first line of the visas proper."""
    line = line.strip()
    return not line or line.startswith(_VISAS_STARTS) or line.endswith(_VISAS_ENDS)
