"""One named service or property abroad: an individual measure the policy leaves out (§4).

Titles written by hand from the policy, not taken from the labelled issues."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from vigie.analysis.engine import analyse, item_features
from vigie.analysis.records import Item
from vigie.analysis.singular import NAMED_SERVICE, PROPERTY_ABROAD, singular_object

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
GENERAL = "Décrets, arrêtés, circulaires / Textes généraux / "


def item(title: str, section: str = "", ministry: str = "") -> Item:
    return Item(title=title, section=section, ministry=ministry, date=date(2026, 9, 3))


@pytest.mark.parametrize(("title", "reason"), [
    ("Décision n° 2026-RM-31 du 2 septembre 2026 modifiant le nom du service Radio Vallée "
     "Martinique", NAMED_SERVICE),
    ("Décision n° 2026-512 du 2 septembre 2026 mettant en demeure la société Ondes Locales en ce "
     "qui concerne le service de télévision « CANAL LAGON »", NAMED_SERVICE),
    ("Arrêté du 1er septembre 2026 autorisant la cession amiable d'un immeuble sis 14 via Roma, "
     "commune de Gênes, Italie", PROPERTY_ABROAD),
])
def test_one_named_thing_is_excluded_with_its_reason(title: str, reason: str) -> None:
    decision = analyse(item(title, GENERAL + "Ministère de l'économie, des finances et de la "
                                             "relance"))
    assert not decision.retained
    assert decision.reasons[0] == reason


@pytest.mark.parametrize("title", [
    # a local authority's own broadcasting is news for its territory
    "Décision n° 2026-700 du 2 septembre 2026 autorisant la commune de Vallon-sur-Gée à "
    "utiliser une ressource radioélectrique pour la diffusion du service France 3 Pays de la "
    "Loire",
    # a service named by a common noun is no named service
    "Arrêté du 2 septembre 2026 portant remise au service local du domaine d'un ensemble "
    "immobilier sis à Épinal (Vosges)",
    # a property in France may be ceded to the communes where it lies
    "Décret du 2 septembre 2026 autorisant la cession de l'ensemble immobilier dénommé « Fort "
    "de Joux », sis sur la commune de La Cluse-et-Mijoux (Doubs)",
    # « Maurice » names streets as well as a country
    "Arrêté du 2 septembre 2026 portant déclassement d'un terrain sis rue Maurice-Ravel à Tours",
    # a State's digital service, named: a rule for every user, local authorities among them
    "Arrêté du 2 septembre 2026 relatif au service FranceConnect et à ses conditions "
    "d'utilisation par les collectivités",
    "Arrêté du 2 septembre 2026 portant création du service « Démarches simplifiées »",
])
def test_what_is_no_single_named_thing(title: str) -> None:
    assert singular_object(title, "Ministère de la transformation et de la fonction "
                                  "publiques") == ""


def test_a_named_service_without_a_broadcast_word_is_one_by_its_issuer() -> None:
    """The broadcasting authority's decision may name the service alone (« modifiant le nom du
    service RVM »): its issuer says what kind of service it is."""
    title = "Décision n° 2026-RM-32 du 2 septembre 2026 modifiant le nom du service RVM"
    assert singular_object(title, "Autorité de régulation de la communication audiovisuelle "
                                  "et numérique") == NAMED_SERVICE
    assert singular_object(title, "Ministère de l'intérieur") == ""


def test_a_single_named_thing_is_still_learned_from() -> None:
    """Editors label such lines as any other: their words weigh for the lines that share them,
    so the learned weights are those the line would give without the exclusion."""
    features, _ = item_features(item("Décision n° 2026-RM-31 du 2 septembre 2026 modifiant le "
                                     "nom du service Radio Vallée Martinique"))
    assert features.structure.veto == NAMED_SERVICE
    assert features.structure.learned
    assert "forme:exclusion" not in features.values


@pytest.mark.parametrize("title", [
    "Arrêté portant cession d'un terrain, Italie", "Italie", "ItalieX", "XItalie", "_Italie",
    "2Italie", "Pays-Bas", "des Pays-Bas.", "éItalie", "d'Italie", "l’Inde", "Indes", "Indien",
    "ÉInde", "Inde Inde", "Monaco-Ville", "Chine (république populaire)", "",
])
def test_countries_are_found_where_the_word_bound_pattern_finds_them(title: str) -> None:
    """``_foreign`` (the names' pattern, the word bound checked apart) says what
    ``_FOREIGN.search`` says, a word character before a name included."""
    from vigie.analysis.singular import _FOREIGN, _foreign

    assert _foreign(title) is (_FOREIGN.search(title) is not None)


def test_countries_are_found_as_the_word_bound_pattern_finds_them_in_real_titles() -> None:
    from vigie.analysis.singular import _FOREIGN, _foreign
    from vigie.reference.proper_names import COUNTRIES

    titles = [line for path in sorted(FIXTURES.glob("*.jsonl"))
              for line in path.read_text(encoding="utf-8").splitlines()]
    titles += [f"{pre}{name}{post}" for name in COUNTRIES for pre in ("", " ", "a", "-")
               for post in ("", "s", " ", ".")]
    assert sum(_FOREIGN.search(t) is not None for t in titles) > 100
    assert [_foreign(t) for t in titles] == [_FOREIGN.search(t) is not None for t in titles]
