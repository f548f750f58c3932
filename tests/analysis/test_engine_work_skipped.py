"""The work the thirty-third session's engine speed-up leaves out, or does once, changes no
decision: the theme's reason written only when it is said (for a retained text), a long title
folded once for all the rules that fold it, the themes ranked as tuples, the nature and the
constitutional codes of an item read once, a title's funding and plan read once, the names of
State services looked for only in a title with one of their words."""

from __future__ import annotations

import random
from datetime import date

import pytest

from tests.analysis.test_reading_speedups import _titles
from vigie.analysis import cues, themes
from vigie.analysis.engine import analyse
from vigie.analysis.features import Features
from vigie.analysis.normalize import _fold, _fold_title, fold, stream
from vigie.analysis.records import Item
from vigie.analysis.themes import Themes, classify
from vigie.analysis.weights import Weights

_NOT_RETAINED = Item(
    title="Arrêté du 2 octobre 2026 portant nomination au conseil d'administration de "
    "l'Institut national de l'audiovisuel", section="Mesures nominatives")
_RETAINED = Item(
    title="Décret n° 2026-812 du 3 octobre 2026 relatif à la dotation globale de "
    "fonctionnement des communes et des départements", section="Textes généraux",
    date=date(2026, 10, 4))


@pytest.fixture
def written(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The theme reasons written while a test runs."""
    done: list[str] = []
    plain = themes._reason

    def counted(*args: object) -> str:
        done.append(plain(*args))
        return done[-1]

    monkeypatch.setattr(themes, "_reason", counted)
    return done


def test_the_theme_reason_is_not_written_for_a_text_left_out(written: list[str]):
    decision = analyse(_NOT_RETAINED)
    assert not decision.retained
    assert written == []


def test_the_theme_reason_of_a_retained_text_is_written_once_and_said(written: list[str]):
    decision = analyse(_RETAINED)
    assert decision.retained
    assert len(written) == 1 and written[0] in decision.reasons


def test_themes_with_a_reason_to_write_equal_those_with_it_written():
    features = Features({"mot:dotation": 1.0, "mot:commune": 1.0, "domaine:finances": 2.0})
    found = classify(features)
    assert callable(found.written)  # not written yet
    same = Themes(found.theme, found.secondary, found.roles, found.reason)
    assert found == same and hash(found) == hash(same)
    assert found != Themes(found.theme, found.secondary, found.roles, "autre raison")


def test_a_long_title_is_folded_once_for_every_rule_that_folds_it():
    title = "Arrêté du 3 octobre 2026 " + "portant délégation de signature (préfecture) " * 8
    assert len(title) > 200
    fold(title)
    hits = _fold_title.cache_info().hits
    assert fold(title) == _fold(title)
    assert _fold_title.cache_info().hits == hits + 1


def test_themes_ranked_as_tuples_are_ranked_by_sum_then_taxonomy_order():
    rng = random.Random(33)
    slugs = list(themes._ORDER)
    for _ in range(200):
        # Sums with ties (a few values only) and themes in any order, one unknown among them.
        bias = {slug: rng.choice((-1.0, 0.0, 0.5, 0.5, 2.0)) for slug in rng.sample(
            slugs, len(slugs))} | {"inconnu": 9.0}
        found = classify(Features({}), weights=Weights("", 0.0, 0.0, {}, bias, {}))
        ranked = sorted((s for s in bias if s in themes._ORDER),
                        key=lambda s: (-bias[s], themes._ORDER[s]))
        assert found.theme == ranked[0]
        assert found.secondary == tuple(s for s in ranked[1:] if bias[s] > 0)[:2]


def test_a_state_service_is_only_looked_for_in_a_title_with_one_of_its_words():
    for form in cues.STATE_SERVICES.forms:
        assert any(word in fold(form) for word in cues._STATE_WORDS), form
    for title in [*_titles(), *(f"Arrêté relatif aux {form} de l'Ain" for form in
                                cues.STATE_SERVICES.forms)]:
        folded = fold(title).replace("’", "'")
        if not any(word in folded for word in cues._STATE_WORDS):
            assert cues._STATE_NAMES.search(folded) is None, title


def test_funding_and_plans_read_once_are_what_the_matchers_find():
    titles = [*_titles(), "Arrêté portant appel à projets du fonds vert", "Schéma régional "
              "d'aménagement", "Fonds de soutien au plan régional de l'habitat"]
    assert {cues.funds_and_plans(stream(title)) for title in titles} == {
        (False, False), (True, False), (False, True), (True, True)}
    for read in map(stream, titles):
        assert cues.funds_and_plans(read) == (bool(cues.FUNDING_MATCHER.first(read)),
                                              bool(cues.PLANNING_MATCHER.first(read)))
