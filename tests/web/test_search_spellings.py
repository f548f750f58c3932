"""Search finds what a local official types, and not the words the stemmer would merge with
it (index format 4), on both databases: « directive » is not « direction » nor
« directement »; « PLU » is not « plus »; « DETR » is not « détriment »; « C.C.A.S. » is
« CCAS » (not the letter « a » of every text); « vidéo-protection » and « vidéoprotection »
find each other."""

from __future__ import annotations

import pytest

from tests.conftest import shared_path
from vigie.web.search import SearchFilters, search
from vigie.web.search.text import fold, stem

# Texts written for these tests, in the words of the Journal officiel and of DECP titles.
TEXTS = {
    "JORFTEXT000099100001": ("Loi portant adaptation au droit de l'Union européenne",
                             "La présente loi transpose la directive (UE) 2019/878 du "
                             "Parlement européen et du Conseil du 20 mai 2019."),
    "JORFTEXT000099100002": ("Arrêté portant réorganisation de postes comptables",
                             "Les services déconcentrés de la direction générale des "
                             "finances publiques sont réorganisés."),
    "JORFTEXT000099100003": ("Arrêté relatif au versement des aides",
                             "Les aides directes sont versées directement à la commune."),
    "JORFTEXT000099100004": ("Autorisation de la Société d'Édition de Canal Plus",
                             "Le service est diffusé au plus tard le 1er janvier."),
    "JORFTEXT000099100005": ("Arrêté portant approbation du plan local d'urbanisme",
                             "Le plan local d'urbanisme (PLU) de la commune est approuvé."),
    "JORFTEXT000099100006": ("Arrêté relatif aux dotations de l'État",
                             "La dotation d'équipement des territoires ruraux (DETR) est "
                             "répartie au détriment d'aucune commune."),
    "JORFTEXT000099100007": ("Arrêté relatif à une garantie",
                             "Le créancier agit au détriment du débiteur."),
    "JORFTEXT000099100008": ("Arrêté portant agrément",
                             "Le C.C.A.S. de la commune a été agréé."),
    "JORFTEXT000099100009": ("Arrêté portant autorisation d'un dispositif de "
                             "vidéo-protection urbaine", "Il a été autorisé."),
    "JORFTEXT000099100010": ("Arrêté portant autorisation d'un système de vidéoprotection",
                             "Il a été autorisé."),
}
DIRECTIVE, DIRECTION, DIRECTEMENT, PLUS, PLU, DETR, DETRIMENT, CCAS, HYPHEN, JOINED = TEXTS


@pytest.fixture
def texts(ingest_written):
    ingest_written(TEXTS, "A")


def _found(query: str) -> set[str]:
    page = search(query, filters=SearchFilters(), per_page=100)
    return {hit.uid for hit in page.results}


def test_directive_direction_and_directement_are_three_words(texts):
    assert _found("directive") == {DIRECTIVE} == _found("directives")
    assert _found("direction") == {DIRECTION} == _found("directions")
    assert _found("directement") == {DIRECTEMENT}


def test_plu_is_not_plus(texts):
    assert _found("PLU") == {PLU}
    assert PLUS in _found("plus") and PLU not in _found("plus")


def test_detr_is_not_detriment(texts):
    assert _found("DETR") == {DETR}
    assert _found("détriment") == {DETR, DETRIMENT}


def test_a_dotted_acronym_is_one_word(texts):
    assert _found("C.C.A.S.") == {CCAS} == _found("CCAS") == _found("ccas") == _found("C.C.A.S")


def test_a_hyphenated_word_and_its_joined_spelling_find_each_other(texts):
    both = {HYPHEN, JOINED}
    assert _found("vidéo-protection") == both == _found("vidéoprotection")
    assert _found('"video protection"') == both
    assert _found("vidéo protection urbaine") == {HYPHEN}  # the words, where they are


@pytest.mark.parametrize(("one", "other"), [
    ("directive", "direction"), ("directive", "directement"), ("directive", "directe"),
    ("relation", "relatif"), ("logement", "loger"), ("règlement", "règle"),
    ("détriment", "DETR"), ("plus", "PLU"), ("départements", "départ")])
def test_words_snowball_merged_stay_apart(one, other):
    assert stem(fold(one)) != stem(fold(other))


@pytest.mark.parametrize(("one", "other"), [
    ("directive", "directives"), ("directif", "directive"), ("relatif", "relatives"),
    ("direction", "directions"), ("logement", "logements"), ("élection", "élections"),
    ("actif", "actives")])
def test_their_own_forms_still_meet(one, other):
    assert stem(fold(one)) == stem(fold(other))


# Real texts of ../shared/corpus: the EU's Directive (UE) 2019/904 (its Cellar notice); the
# catastrophe naturelle arrêté signed at the « direction générale du Trésor », that lets
# communes « accéder directement » to documents; an arrêté of the « direction centrale du
# service de santé des armées ».
DIRECTIVE_2019_904 = "CELEX32019L0904"
NAMES_DIRECTION = {"JORFTEXT000053398028", "JORFTEXT000054861441"}


def test_real_texts_directive_and_direction(vigie):
    jorf = shared_path("corpus", "jorf")
    ue = shared_path("corpus", "ue")
    code, _, err = vigie("ingest", jorf / "jorfsimple", jorf / "global", ue)
    assert code in (0, 1), err  # (1: the folder's MANIFEST.md, read by no reader)
    directive, direction = _found("directive"), _found("direction")
    assert DIRECTIVE_2019_904 in directive and not NAMES_DIRECTION & directive
    assert direction >= NAMES_DIRECTION and DIRECTIVE_2019_904 not in direction
