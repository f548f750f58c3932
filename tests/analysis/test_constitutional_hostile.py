"""Decisions of the Conseil constitutionnel crafted against the patterns that read them: the
time of the reading grows with the text, never faster (blank lines after « DÉCIDE : », a list's
item padded with spaces), and a list's item keeps the end of its last word."""

from __future__ import annotations

import time
from datetime import date

from tests.analysis.constitutional_texts import DC_TEXT, DC_TITLE
from vigie.analysis.constitutional import read_ruling
from vigie.analysis.engine import analyse
from vigie.analysis.records import Item

COUNCIL = "Conseil constitutionnel"
SAISINE = "LE CONSEIL CONSTITUTIONNEL A ÉTÉ SAISI de la loi pour une montagne vivante.\n"


def decision(text: str) -> Item:
    return Item(title=DC_TITLE, nature="DECISION", ministry=COUNCIL,
                section=f"LOIS / {COUNCIL}", text=text, date=date(2026, 8, 19))


def seconds(text: str) -> float:
    started = time.perf_counter()
    read_ruling(decision(text))
    return time.perf_counter() - started


def test_blank_lines_are_read_in_linear_time():
    # « ^\s* » under re.M went down every blank line from each of them: 60 000 blank lines
    # took 20 s after « DÉCIDE : » (about 4 min for 200 000), 2 s before it.
    assert seconds(SAISINE + "\n" * 60_000 + "LE CONSEIL CONSTITUTIONNEL DÉCIDE :\n") < 1
    assert seconds(SAISINE + "LE CONSEIL CONSTITUTIONNEL DÉCIDE :\n" + "\n" * 60_000) < 1
    assert seconds(SAISINE + "DÉCIDE :\n" + "Article 1\n" + " \t\n" * 30_000 + "Jugé") < 1


def test_an_item_padded_with_spaces_is_read_in_linear_time():
    # Three « \s* » before « $ » tried every split of the spaces from each of them: 300
    # spaces took 2 s, 600 took 27 s, 1 200 took 7 min.
    text = SAISINE + "DÉCIDE :\nArticle 1\nSont contraires :\n- a" + " " * 400 + "b\n"
    assert seconds(text) < 1
    assert seconds(text.replace(" " * 400, " " * 1_000_000)) < 2


def test_a_list_item_ending_in_et_or_ou_keeps_its_word():
    ruling = ("LE CONSEIL CONSTITUTIONNEL DÉCIDE :\nArticle 1\nSont contraires à la "
              "Constitution les dispositions suivantes :\n- l'article 3 ;\n"
              "- l'article 4 ; et\n- l'article 5 relatif au budget\n")
    text = DC_TEXT[:DC_TEXT.index("LE CONSEIL CONSTITUTIONNEL DÉCIDE")] + ruling
    assert analyse(decision(text)).essentials[0] == (
        "Sont contraires à la Constitution les dispositions suivantes : l'article 3, l'article 4 "
        "et l'article 5 relatif au budget.")
