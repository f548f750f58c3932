"""FTS5 syntax and SQL-looking words in a search, with filters, through the capped ranking
(``query._candidates``: the filters' SQL composed into the ranked query by
``sql_with_params``): every value stays a parameter, nothing fails, nothing else is found."""

from __future__ import annotations

import pytest

from vigie.web.search import SearchFilters, search

from .test_search_relevance_bound import UIDS, texts  # noqa: F401

HOSTILE = ["balayage\" OR \"", "balayage') OR 1=1 --", "balayage NEAR(voirie)", "*", "balayage*",
           "balayage; DROP TABLE web_searchentry; --", "balayage {col}: %s %(x)s", "^balayage",
           "balayage AND NOT", "\"balayage", "balayage \x00"]


@pytest.mark.parametrize("words", HOSTILE)
def test_hostile_words_with_filters_stay_parameters(texts, monkeypatch, words):  # noqa: F811
    from vigie.web.search import query

    monkeypatch.setattr(query, "COUNT_CAP", 3)
    for filters in (SearchFilters(sort="pertinence"),
                    SearchFilters(sort="pertinence", nature="ARRETE' OR '1'='1",
                                  departement="34%' --", theme="x') OR 1=1 --")):
        found = search(words, filters=filters, page=1, per_page=10)
        assert {hit.uid for hit in found.results} <= set(UIDS.values())
        if filters.nature.startswith("ARRETE'"):
            assert found.results == []
    assert len(search("balayage", filters=SearchFilters(sort="pertinence"), page=1,
                      per_page=10).results) == 3
