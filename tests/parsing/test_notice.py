"""Splitting a notice into its fields, from NOTICE or from the top of VISAS."""

from __future__ import annotations

from vigie.parsing.model import Notice
from vigie.parsing.notice import parse_notice, split_label, split_visas_notice


def test_labels_and_variants() -> None:
    assert split_label("Publics concernés : élus") == ("publics", "élus")
    assert split_label("Public concerné: élus") == ("publics", "élus")
    assert split_label("PUBLICS CONCERNES :élus") == ("publics", "élus")
    assert split_label("Objet\u00a0: tout") == ("objet", "tout")
    assert split_label("Entrée en vigueur\u202f:\u00a0immédiate") == ("entree_en_vigueur",
                                                                      "immédiate")
    assert split_label("Notice explicative : x") == ("notice", "x")
    assert split_label("Références : y") == ("references", "y")
    assert split_label("Application:z") == ("application", "z")
    assert split_label("Objet :") == ("objet", "")
    assert split_label("Vu le code, notamment son article 2 :") is None
    assert split_label("Objectif : rien") is None
    assert split_label("Le Premier ministre,") is None


def test_parse_notice_fields_span_lines() -> None:
    notice = parse_notice(
        "Publics concernés : communes.\n"
        "Objet : deux\nparagraphes.\n"
        "Entrée en vigueur : le lendemain.\n"
        "Notice :\nle décret précise :\n- un point ;\n- un autre.\n"
        "Références : Légifrance.\n"
        "Application : article 1er.")
    assert notice == Notice(
        publics="communes.",
        objet="deux\nparagraphes.",
        entree_en_vigueur="le lendemain.",
        notice="le décret précise :\n- un point ;\n- un autre.",
        references="Légifrance.",
        application="article 1er.",
        origin="notice",
    )


def test_parse_notice_without_labels_keeps_text() -> None:
    assert parse_notice("Texte libre.\nSuite.") == Notice(notice="Texte libre.\nSuite.",
                                                          origin="notice")
    assert parse_notice("  \n") == Notice()
    assert parse_notice("").is_empty()


def test_split_visas_notice() -> None:
    visas = ("Publics concernés : préfets.\n"
             "Objet : traduction.\n"
             "Notice : le décret publie.\n"
             "Il ne modifie rien.\n"
             "Références : Légifrance.\n"
             "Le Premier ministre,\n"
             "Sur le rapport du garde des sceaux,\n"
             "Vu la loi du 1er juin 1924,\n"
             "Décrète :")
    notice, rest = split_visas_notice(visas)
    assert notice == Notice(publics="préfets.", objet="traduction.",
                            notice="le décret publie.\nIl ne modifie rien.",
                            references="Légifrance.", origin="visas")
    assert rest == ("Le Premier ministre,\nSur le rapport du garde des sceaux,\n"
                    "Vu la loi du 1er juin 1924,\nDécrète :")


def test_split_visas_without_notice_is_unchanged() -> None:
    visas = "Le ministre de l'intérieur,\nVu le code des assurances ;\nArrête :"
    assert split_visas_notice(visas) == (Notice(), visas)
    assert split_visas_notice("") == (Notice(), "")


def test_visas_notice_stops_at_vu_without_authority_line() -> None:
    notice, rest = split_visas_notice("Objet : x.\nVu le code ;\nArrête :")
    assert (notice.objet, rest) == ("x.", "Vu le code ;\nArrête :")
