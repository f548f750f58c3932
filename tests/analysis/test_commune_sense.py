"""« commune » the local authority, not the adjective nor the idiom (``analysis.commune_sense``),
for the vocabulary of Parliament questions (``questions.assess``) and the Journal officiel's
titles (``cues.blank_other_senses``)."""

from __future__ import annotations

import pytest

from vigie.analysis.commune_sense import other_senses
from vigie.analysis.cues import blank_other_senses
from vigie.analysis.questions import QUESTION, ParliamentItem, assess

OTHER = ("Tout est sans commune mesure, comparé à la France hexagonale",
         "il n'y a aucune commune mesure entre les deux",
         "la réforme de la politique agricole commune",
         "une politique commune de la pêche",
         "des règles communes dans le domaine de l'aviation civile",
         "l'entretien des parties communes des immeubles",
         "la Politique agricole commune",
         "les élus ont demandé d'une commune voix le report")
LOCAL = ("la commune de Brides-les-Bains", "les communes rurales", "le maire de la commune",
         "chaque commune", "36 000 communes", "dans quatre communes", "entre communes voisines",
         "Communes : dotations", "d'une commune", "les petites et moyennes communes",
         "érigé en commune", "regroupées en commune nouvelle", "la commune mesure la surface",
         "l'établissement public territorial Plaine Commune",
         "ZAC DU PRE DE CLAYE COMMUNE DE SERRIS")
# « commun » is another word: no cue reads it as « commune ».
NOT_READ = ("le marché commun", "le tronc commun", "la mise en commun des moyens",
            "travailler en commun")


@pytest.mark.parametrize("text", OTHER)
def test_the_adjective_and_the_idiom_are_not_the_local_authority(text):
    assert len(other_senses(text.lower(), text)) == 1


@pytest.mark.parametrize("text", LOCAL + NOT_READ)
def test_the_noun_is_the_local_authority(text):
    assert other_senses(text.lower(), text) == []


def _vocabulary(text: str) -> list[str]:
    item = ParliamentItem(uid="q", kind=QUESTION, title="Question", answer=text, answered=True)
    return [r for r in assess(item)[1] if r.startswith("vocabulaire")]


def test_parliament_vocabulary_counts_the_commune_only_as_the_local_authority():
    # QANR5L16QG10 (pouvoir d'achat outre-mer) scored 0.25 with « commune » for « sans commune
    # mesure »; a pensions debate names « la politique agricole commune » in passing.
    assert _vocabulary("Tout est sans commune mesure, comparé à la France hexagonale.") == []
    assert _vocabulary("Et la politique agricole commune ? Et le marché commun ?") == []
    assert _vocabulary("Le maire de la commune de Vierzon demande l'aide des communes "
                       "voisines.") == ["vocabulaire des collectivités : « commune », "
                                        "« maire »"]


def test_parliament_vocabulary_reads_plu_as_written_and_up_to_a_words_end():
    assert _vocabulary("Le PLU de la ville est révisé.") == [
        "vocabulaire des collectivités : « urbanisme »"]
    assert _vocabulary("Cette réforme ne lui a pas plu.") == []
    # QANR5L16QG400: its answer, cut at 4 000 characters, ended on « de plu » (« de plus »).
    said = "Le débat sur les retraites continue. Quatre semaines de plus."
    long = " " * (4000 - said.index("plus") - 3) + said
    assert long[:4000].endswith(" de plu")
    assert _vocabulary(long) == []


def test_journal_officiel_titles_blank_the_adjective_in_the_singular_too():
    title = ("Décret du 3 décembre 2020 relatif à la mise en œuvre de la politique agricole "
             "commune pour les aides découplées")
    assert "commune" not in blank_other_senses(title)
    for kept in ("Décret fixant le périmètre du territoire de l'établissement public "
                 "territorial Plaine Commune", "Arrêté portant création de la commune "
                 "nouvelle de Val-de-Livre", "Arrêté relatif à la liste des communes de "
                 "chaque commune nouvelle"):
        assert blank_other_senses(kept) == kept
