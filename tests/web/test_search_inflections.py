"""Singular and plural, masculine and feminine forms of a word are one word to search, both
ways (« élu » finds « élus », « élus » finds « élu »), on both databases; an entry written in
index format 1 (before ``INDEX_FORMAT``) is still found while it waits, is stale for
``vigie repair``, which writes it again."""

from __future__ import annotations

import pytest
from django.db import connection

from tests.conftest import shared_path
from vigie.web.models import SearchEntry
from vigie.web.search import SearchFilters, search, stale
from vigie.web.search.text import INDEX_FORMAT, fold, index_words, legacy_stem, stem

PAIRS = [("élu", "élus"), ("élu", "élue"), ("élu", "élues"), ("communal", "communaux"),
         ("communal", "communales"), ("aide", "aides"), ("collectivité", "collectivités"),
         ("conseiller", "conseillers"), ("conseiller", "conseillère"), ("premier", "premières"),
         ("financier", "financière"), ("public", "publique"), ("revenu", "revenus"),
         ("lieu", "lieux"), ("nommé", "nommée"), ("commission", "commissions"),
         ("territorial", "territoriaux"), ("nouveau", "nouveaux"), ("bureau", "bureaux"),
         ("prévu", "prévues"), ("européen", "européenne"), ("actif", "active"),
         ("directeur", "directrice"), ("nombreux", "nombreuses"), ("loi", "lois")]


@pytest.mark.parametrize(("one", "other"), PAIRS)
def test_forms_of_a_word_share_their_stem(one, other):
    assert stem(fold(one)) == stem(fold(other))


@pytest.mark.parametrize(("one", "other"), [("foi", "fois"), ("pari", "paris"),
                                            ("prix", "pris"), ("commune", "communaux")])
def test_other_words_stay_apart(one, other):
    assert stem(fold(one)) != stem(fold(other))


def _found(query: str) -> set[str]:
    return {hit.uid for hit in search(query, filters=SearchFilters(), per_page=100).results}


@pytest.fixture
def corpus(vigie):
    """The real texts of ../shared/corpus/jorf ingested (titles of the sommaire included)."""
    jorf = shared_path("corpus", "jorf")
    code, _, err = vigie("ingest", jorf / "jorfsimple", jorf / "global")
    assert code == 0, err


# Real titles: « … statut de l'élu local » (2026-800, 2026-801); « procureure financière »,
# « procureur financier ».
ELU_LOCAL = {"JORFTEXT000054708683", "JORFTEXT000054708703"}
FEMININE, MASCULINE = "JORFTEXT000054708783", "JORFTEXT000054708788"


def test_real_texts_found_by_the_other_form_both_ways(corpus):
    assert _found("élus") >= ELU_LOCAL and _found("élu") >= ELU_LOCAL
    assert _found('"statut des élus locaux"') >= ELU_LOCAL
    assert {FEMININE, MASCULINE} <= _found("financier") & _found("financière")
    assert {FEMININE, MASCULINE} <= _found("financières") & _found("financiers")


def _written_in_format_1(uid: str) -> None:
    """The entry of ``uid`` as the release before ``INDEX_FORMAT`` wrote it: Snowball stems
    of the words themselves on SQLite, the folded words on PostgreSQL."""
    entry = SearchEntry.objects.get(uid=uid)

    def old(value: str) -> str:
        words = index_words(value)
        return " ".join(words if connection.vendor == "postgresql" else map(legacy_stem, words))

    SearchEntry.objects.filter(uid=uid).update(
        index_version=None, index_title=old(f"{entry.title} {uid}"), index_body=old(entry.text))


def test_an_entry_of_format_1_stays_found_and_repair_writes_it_again(corpus, vigie):
    _written_in_format_1(FEMININE)
    assert stale() == [FEMININE]
    # Meanwhile, found as before the upgrade (by the form it holds), never lost.
    assert FEMININE in _found("financière")
    code, out, err = vigie("repair")
    assert code == 0, out + err
    assert stale() == []
    assert SearchEntry.objects.get(uid=FEMININE).index_version == INDEX_FORMAT
    assert FEMININE in _found("financier")
