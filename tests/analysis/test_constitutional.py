"""Decisions of the Conseil constitutionnel: headlined by what they judge (the law, the
provision), their essentials the ruling (« LE CONSEIL CONSTITUTIONNEL DÉCIDE : »), a censured
provision's deferred abrogation a key date. The decisions are ``constitutional_texts``'s."""

from __future__ import annotations

from datetime import date

from tests.analysis.constitutional_texts import DC_TEXT, DC_TITLE, QPC_TEXT, QPC_TITLE
from vigie.analysis.constitutional import REASON
from vigie.analysis.dates import ABROGATION, ENTREE_EN_VIGUEUR, find_dates
from vigie.analysis.engine import analyse
from vigie.analysis.essentials import NO_ESSENTIALS
from vigie.analysis.records import Item

COUNCIL = "Conseil constitutionnel"


def decision(title: str, text: str, day: date = date(2026, 8, 19)) -> Item:
    return Item(title=title, nature="DECISION", ministry=COUNCIL,
                section=f"LOIS / {COUNCIL}", text=text, date=day)


def test_a_dc_is_headlined_by_the_law_it_judges_and_says_what_it_censures():
    found = analyse(decision(DC_TITLE, DC_TEXT))
    assert found.short_title == ("Loi pour une montagne vivante et souveraine : décision du "
                                 "Conseil constitutionnel")
    censure, reserved, reservation = found.essentials
    # The list of censured provisions as one sentence, the law (the headline's) not repeated.
    assert censure == ("Sont contraires à la Constitution les dispositions suivantes de la loi : "
                       "l'article 12, l'article 27 et les mots « et des communes classées "
                       "stations de tourisme » figurant au deuxième alinéa de l'article 15.")
    assert reserved.startswith("Sous la réserve énoncée au paragraphe 34, le paragraphe II de "
                               "l'article 8")
    # The reservation in the words of its paragraph, not « paragraphe 34 » alone.
    assert reservation.startswith("Réserve d'interprétation (paragraphe 34) : ces dispositions "
                                  "ne sauraient, sans méconnaître le principe de libre "
                                  "administration")
    assert not any("SAISI" in e or "Journal officiel" in e for e in found.essentials)
    assert REASON in found.reasons


def test_a_dc_without_censure_gives_its_conformity():
    ruling = DC_TEXT[DC_TEXT.index("Article 3\n"):]
    text = DC_TEXT[:DC_TEXT.index("Article 1\n")] + ruling.replace("Article 3", "Article 1", 1)
    found = analyse(decision(DC_TITLE, text))
    assert found.essentials == (
        "Les dispositions suivantes sont conformes à la Constitution : le reste de l'article 15 "
        "de la loi déférée et l'article 21 de la même loi.",)


def test_a_qpc_is_headlined_by_the_provision_and_its_abrogation_is_a_key_date():
    found = analyse(decision(QPC_TITLE, QPC_TEXT, date(2026, 10, 10)))
    assert found.short_title == ("Article L. 2123-1 du code général des collectivités "
                                 "territoriales : question prioritaire de constitutionnalité")
    # The cited law's title after its number and date goes; the effect is said, not referred to.
    assert found.essentials == (
        "Le deuxième alinéa de l'article L. 2123-1 du code général des collectivités "
        "territoriales, dans sa rédaction résultant de la loi n° 2019-1461 du 27 décembre 2019, "
        "est contraire à la Constitution.",
        "Prise d'effet (paragraphe 14) : il y a lieu de reporter au 1er juillet 2027 la date de "
        "l'abrogation de ces dispositions.")
    (deferred,) = found.dates
    assert (deferred.date, deferred.kind) == (date(2027, 7, 1), ABROGATION)
    assert deferred.label == "Prise d'effet de l'abrogation"


def test_an_abrogation_taking_effect_at_once_is_dated_too():
    text = ("Article 2. - La déclaration d'inconstitutionnalité de l'article 1er prend effet à "
            "compter de la date de la publication de la présente décision.")
    (dated,) = find_dates(text, publication=date(2026, 10, 10))
    assert (dated.date, dated.kind) == (date(2026, 10, 10), ABROGATION)
    # A decree's own abrogations are still its entry into force.
    (decree,) = find_dates("Le décret n° 2001-12 est abrogé à compter du 1er janvier 2027.")
    assert decree.kind == ENTREE_EN_VIGUEUR


def test_a_decision_known_by_its_sommaire_only_is_unchanged():
    found = analyse(decision(DC_TITLE, ""))
    assert found.short_title == DC_TITLE
    assert found.essentials == () and NO_ESSENTIALS in found.reasons
    assert REASON not in found.reasons


def test_a_decision_on_no_law_keeps_its_title_and_gives_its_ruling():
    text = ("LE CONSEIL CONSTITUTIONNEL A ÉTÉ SAISI le 2 juillet 2026 d'une requête présentée "
            "par M. Jean JOLY, tendant à l'annulation des opérations électorales.\n"
            "LE CONSEIL CONSTITUTIONNEL DÉCIDE :\n"
            "Article 1er. - La requête de M. Jean JOLY est rejetée.\n"
            "Article 2. - Cette décision sera publiée au Journal officiel de la République "
            "française.")
    title = "Décision n° 2026-6012 AN du 9 octobre 2026"
    found = analyse(Item(title=title, section=COUNCIL, text=text, date=date(2026, 10, 10)))
    assert found.short_title == title
    assert found.essentials == ("La requête de M. Jean JOLY est rejetée.",)


def test_another_text_citing_the_council_is_not_read_as_its_decision():
    text = ("Le Conseil constitutionnel a été saisi de la loi pour une montagne vivante.\n"
            "Décrète :\nArticle 1\nLe présent décret fixe les modalités de la montagne vivante.")
    found = analyse(Item(title="Décret n° 2026-1 du 2 janvier 2026 relatif à la montagne",
                         nature="DECRET", ministry="Ministère de l'intérieur", text=text))
    assert found.short_title == "Montagne"
    assert REASON not in found.reasons
