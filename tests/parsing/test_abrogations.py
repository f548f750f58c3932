"""The reader of the CIRCULAIRES fund's list of abrogations (``abroge_txt.tar``): one path a
line, « A_ » before it or its file name sometimes, PDF or XML; unreadable lines counted with
one example (no real file could be checked: lines written as the reconnaissance describes)."""

from __future__ import annotations

from vigie.parsing.abrogations import (
    is_later_than_list,
    is_list_head,
    read_abrogation_list,
)

LIST = ("\ufeff2011/07/cir_33411.pdf\r\n"
        "A_2011/07/cir_33412.xml\r\n"
        "\r\n"
        "2012/01/A_cir_33413.PDF\n"
        "  cir_33414  \n"
        "2011/07/cir_33411.xml\n"  # named twice: once
        "Liste des circulaires abrogées\n"
        "2011/07/circulaire_33415.pdf\n"
        "2011/07/cir_33416.doc\n").encode()


def test_each_path_names_its_id_once_and_other_lines_are_counted():
    found = read_abrogation_list(LIST)
    assert found.listed == (("33411", "2011/07/cir_33411.pdf"),
                            ("33412", "A_2011/07/cir_33412.xml"),
                            ("33413", "2012/01/A_cir_33413.PDF"), ("33414", "cir_33414"))
    assert (found.unreadable, found.example_line) == (3, 7)
    assert found.example == "Liste des circulaires abrogées"


def test_bytes_of_another_encoding_only_spoil_their_line():
    found = read_abrogation_list(b"2011/07/cir_1.pdf\nabrog\xe9es\n2011/07/cir_2.pdf\n")
    assert [key for key, _ in found.listed] == ["1", "2"] and found.unreadable == 1


def test_a_list_is_told_by_a_line_naming_a_circulaire():
    assert is_list_head(b"\xef\xbb\xbf2011/07/cir_33411.pdf\n2011/07/cir_2.xml\n")
    assert is_list_head(b"Liste\nA_2011/07/cir_33411.xml\r\n")
    assert not is_list_head(b"Notes de version\nVoir cir_33411.pdf pour le detail\n")


def test_only_an_export_after_the_list_s_last_day_is_later():
    assert is_later_than_list("2015-02-01") and is_later_than_list("2026-01-02T09:00")
    assert not is_later_than_list("2015-01-31T23:59") and not is_later_than_list("2012")
    assert not is_later_than_list("")
