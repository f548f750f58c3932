"""Whom a text reaches: a line tied to nothing local, the State's own staff, ministries' names
and lexicon words used in another sense (real JO titles)."""

from __future__ import annotations

from vigie.analysis.cues import blank_other_senses, blank_state_services
from vigie.analysis.engine import analyse, item_features
from vigie.analysis.evidence import gather
from vigie.analysis.feature_labels import label
from vigie.analysis.features import theme_values
from vigie.analysis.reach import NO_LINK, STATE_STAFF, state_staff
from vigie.analysis.records import Item


def _features(title: str, nature: str = "DECRET") -> dict[str, float]:
    return item_features(Item(title=title, nature=nature))[0].values


def test_a_line_tied_to_nothing_local_says_so():
    nothing = _features("Décret n° 2020-1559 du 9 décembre 2020 relatif à l'exploitation des "
                        "terminaux des grands ports maritimes")
    assert nothing[NO_LINK] == 1.0
    # a place named alone says where, not whom the text binds
    court = _features("Décret n° 2020-1549 du 9 décembre 2020 relatif au conseil des "
                      "prud'hommes de Mamoudzou")
    assert court[NO_LINK] == 1.0
    for title in (
        # a local actor, a word of their vocabulary, a located project, a local function
        "Décret n° 2020-1622 du 18 décembre 2020 relatif aux modalités de versement de l'aide "
        "financière exceptionnelle pour le recrutement d'apprentis par les collectivités "
        "territoriales",
        "Arrêté du 3 décembre 2020 modifiant l'arrêté du 15 avril 2019 relatif au programme "
        "d'analyses de la qualité de l'eau",
        "Décision n° 2020-145/LIAISON FOS-SALON/9 du 2 décembre 2020 relative au projet de "
        "liaison routière Fos-Salon (13)",
        "Décret du 3 décembre 2020 portant nomination du sous-préfet d'Albertville - "
        "M. HERIARD (Christophe)",
    ):
        assert NO_LINK not in _features(title), title


def test_a_text_on_the_state_s_own_staff_is_told_from_the_fonction_publique_territoriale():
    state = ("Arrêté du 7 décembre 2020 relatif aux taux de promotion dans certains corps de "
             "fonctionnaires relevant du ministère de l'éducation nationale, de la jeunesse et "
             "des sports")
    assert state_staff(state) == "promotion … corps de"
    assert state_staff("Liste d'aptitude 2021 à l'emploi de président et de vice-président de "
                       "chambre régionale et territoriale des comptes")
    for title in (
        "Décret n° 2020-1474 du 30 novembre 2020 fixant les modalités d'organisation des "
        "concours et examens professionnels des cadres d'emplois de sapeurs-pompiers "
        "professionnels",
        "Décret portant revalorisation du point d'indice des trois fonctions publiques",
        # the State of emergency is no State employer
        "Décret n° 2020-1580 du 14 décembre 2020 relatif au recrutement pendant l'état "
        "d'urgence sanitaire",
    ):
        assert not state_staff(title), title
    features, signals = item_features(Item(title=state, nature="ARRETE"))
    assert features.values[STATE_STAFF] == 1.0
    # its ministry's field (« jeunesse », « sports ») is no vocabulary of local government
    assert not [s for s in signals if s.reason.startswith("vocabulaire des collectivités")]
    assert STATE_STAFF not in theme_values(features.values)
    assert label(STATE_STAFF).startswith("le texte règle la carrière")


def test_a_direction_departementale_is_a_state_service_not_the_departement():
    # JO of 20 December 2020: the careers of the staff of the State's services in the
    # départements; « départementales » there names no authority of the fonction publique
    # territoriale
    title = ("Arrêté du 11 décembre 2020 modifiant l'arrêté du 31 mars 2011 portant "
             "déconcentration des décisions relatives à la situation individuelle des "
             "fonctionnaires et agents non titulaires exerçant leurs fonctions dans les "
             "directions départementales interministérielles, l'arrêté du 1er juillet 2013 "
             "portant délégation de certains pouvoirs de recrutement et de gestion d'agents "
             "relevant des ministres chargés des affaires sociales, de la santé, des sports, de "
             "la jeunesse, de l'éducation populaire et de la vie associative")
    assert state_staff(title) == "fonctionnaires … interministérielles"
    features, signals = item_features(Item(title=title, nature="ARRETE"))
    assert features.values[STATE_STAFF] == 1.0
    assert not [s for s in signals if s.reason.startswith("vocabulaire des collectivités")]
    for title in (
        # the département's own staff, and its fire service, stay theirs
        "Arrêté relatif aux agents des services départementaux d'incendie et de secours "
        "mis à disposition de l'État",
        "Décret relatif aux fonctionnaires départementaux détachés dans un ministère",
        # no career there: a director named for a département (policy §3) is left to
        # ``features``
        "Arrêté du 4 décembre 2020 portant nomination (directions départementales "
        "interministérielles)",
    ):
        assert not state_staff(title), title


def test_the_name_of_a_ministry_says_whose_staff_not_what_the_text_is_about():
    title = ("Arrêté du 16 décembre 2020 modifiant l'arrêté du 22 septembre 2020 fixant pour "
             "les ministères en charge de la transition écologique, de la cohésion des "
             "territoires et des relations avec les collectivités territoriales et de la mer la "
             "liste des emplois")
    blanked = blank_state_services(title)
    assert "collectivités" not in blanked and "la liste des emplois" in blanked
    assert not gather(Item(title=title)).title.local_terms()


def test_words_of_the_lexicon_in_another_sense_are_not_its_evidence():
    assert "communes" not in blank_other_senses(
        "Arrêté du 4 décembre 2020 relatif à la modification temporaire des conditions de "
        "production communes relatives à la production en label rouge")
    kept = "Arrêté fixant la liste des communes et de certaines communes nouvelles"
    assert blank_other_senses(kept) == kept
    board = blank_other_senses("Décision n° 2020.0251/DC/SJ du 19 novembre 2020 du collège "
                               "de la Haute Autorité de santé portant adoption de son "
                               "règlement intérieur")
    assert "collège" not in board
    school = "Arrêté relatif à la restauration scolaire dans les collèges"
    assert blank_other_senses(school) == school
    # the overseas departments as the place a measure applies: « outre-mer » still counts,
    # « départements d'outre-mer » (the authorities themselves) does not
    place = blank_other_senses("Arrêté du 8 décembre 2020 portant homologation des prix de "
                               "vente au détail des tabacs manufacturés en France, à "
                               "l'exclusion des départements d'outre-mer")
    assert "départements" not in place and place.endswith("d'outre-mer")
    terms = [term.label for _, term in gather(Item(title=place)).title.local_terms()]
    assert terms == ["outre-mer"]
    # a centre de gestion of the State's accounts is not the territorial one (as ``actors``)
    accounts = blank_other_senses("Arrêté du 27 novembre 2020 portant création, à titre "
                                  "expérimental, d'un centre de gestion financière placé sous "
                                  "l'autorité du directeur régional des finances publiques")
    assert "centre de gestion" not in accounts and "financière" in accounts
    assert not gather(Item(title=accounts)).title.local_terms()
    territorial = "Décret relatif aux centres de gestion de la fonction publique territoriale"
    assert blank_other_senses(territorial) == territorial
    own = ("Arrêté relatif au financement de la prestation spécifique de restauration scolaire "
           "dans les établissements des départements et collectivités d'outre-mer")
    assert blank_other_senses(own) == own


def test_the_elections_of_a_profession_are_none_local_authorities_hold():
    # JO of 13 December 2020: the lists of the health professions' regional unions
    title = ("Avis relatif à la publication des listes électorales des élections 2021 des "
             "unions régionales des professionnels de santé")
    blanked = blank_other_senses(title)
    assert "électorales" not in blanked and "élections" not in blanked
    assert not gather(Item(title=title)).title.local_terms()
    for other in ("Décret relatif à l'élection des membres des chambres de métiers et de "
                  "l'artisanat", "Arrêté relatif au scrutin pour l'élection des conseils de "
                  "l'ordre des architectes"):
        assert "lection" not in blank_other_senses(other), other
    for kept in ("Décret relatif aux listes électorales et aux élections municipales",
                 "Arrêté relatif aux élections professionnelles dans la fonction publique "
                 "territoriale"):
        assert blank_other_senses(kept) == kept
    terms = [term.label for _, term in gather(Item(title="Décret relatif aux listes électorales "
                                                         "des communes")).title.local_terms()]
    assert "état civil" in terms


def test_readers_see_the_reason_in_french():
    decision = analyse(Item(title="Décret n° 2020-1559 du 9 décembre 2020 relatif à "
                                  "l'exploitation des terminaux des grands ports maritimes",
                            nature="DECRET"))
    assert not decision.retained
    assert any(reason.startswith("rien dans la ligne ne relie le texte aux collectivités")
               for reason in decision.reasons), decision.reasons
