"""A question au Gouvernement read as the record of a debate (``analysis.debates``): what the
member asked, and the minister's statements a reader can take away — never an interjection,
applause, a salutation or a jab at an opponent. On every real question au Gouvernement of
../shared/corpus/parlement/ (skipped without it), through ``vigie ingest`` and the stored
decision, and on a small record written here."""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import shared_path
from vigie.analysis import debates
from vigie.analysis.questions import QUESTION, ParliamentItem, analyse_parliament

# What readers were shown before (« Avant »), and what they read now.
REAL = {
    # Avant : « Madame la présidente Le Pen, au travers de votre propos, je m'aperçois que vous
    # n'aviez pas lu le programme … » (a jab) and « Sans la redévelopper, je vais vous redonner
    # les grandes lignes … » (about the speech).
    "QANR5L16QG1": (
        "Mme Marine Le Pen demande : « En attendant, pouvez-vous déjà montrer votre volonté "
        "d'agir en faisant exécuter les obligations de quitter le territoire français (OQTF) "
        "dont l'application reste lettre morte dans 90 % des cas ? »",
        ["Il s’agit d’abord de répondre à l'urgence du pouvoir d'achat, de mener la bataille "
         "du plein emploi, d’accélérer la transition écologique et de sortir des énergies "
         "fossiles.",
         "C'est aussi promouvoir l'égalité des chances, assurer la sécurité des Français et "
         "conforter notre souveraineté industrielle stratégique et alimentaire."]),
    # Avant : the two opening sentences (« La vie chère … constituent l'une des priorités … »).
    "QANR5L16QG10": (
        "Mme Nathalie Bassire demande : « Dans ces conditions, êtes-vous prêt à faire un geste "
        "exceptionnel et à adapter les mesures en faveur du pouvoir d'achat pour nos "
        "territoires ? »",
        ["Afin de prendre en compte les particularités des différents territoires "
         "ultramarins, nous veillerons, avec Gérald Darmanin, à adapter les conditions "
         "d'application de toutes ces mesures, autant que de besoin.",
         "Mon ambition est d'étendre ce qui s'appelle le bouclier qualité-prix (BQP), que vous "
         "connaissez bien, à beaucoup plus de produits dont le prix serait bloqué, voire "
         "diminué.",
         "L'ambition est de l'appliquer à 5 % des produits de consommation courante."]),
    # Avant : « Vous estimez que nous manipulons les chiffres … » (the opponent's words).
    "QANR5L16QG400": (
        "M. Yannick Monnet demande : « Vous engagez-vous à débattre avec le pays et à ne pas "
        "utiliser le 49.3 ? »",
        ["Que disent-elles ? Que le système de retraite français est déséquilibré puisque le "
         "déficit atteindra 12,5 milliards d'euros en 2027 et presque 15 milliards en 2030, "
         "avec le plein emploi et un taux de chômage à 4,5 %.",
         "Pour pérenniser le système de retraite et maintenir les pensions de nos aînés, nous "
         "allons agir.",
         "Nous avons lancé un nouveau cycle de concertation il y a plusieurs semaines et le "
         "poursuivrons quatre semaines de plus pour atteindre ces objectifs nouveaux, en lien "
         "avec les groupes parlementaires."]),
    # Avant : nothing — the minister's turn was read up to the first interjection
    # (« M. Pierre Cordier. Encore une fois, quelle majorité ? »), after his thanks.
    "QANR5L16QG600": (
        "M. Mounir Belhamiti demande : « Pouvez-vous nous indiquer dans quel volume et à quel "
        "rythme ces postes seront créés ? »",
        ["Sept cents magistrats, 850 greffiers et 2 000 contractuels ont déjà été embauchés.",
         "Mais cela n'est pas fini : il faut aller beaucoup plus loin, d'où le recrutement à "
         "venir de 1 500 magistrats et de 1 500 greffiers.",
         "Par ailleurs, des contractuels seront « CDIsés » et verront ainsi leur statut "
         "pérennisé ; hier, j'ai annoncé l'embauche de 300 contractuels."]),
}


@pytest.mark.django_db
@pytest.mark.shared
def test_real_government_questions_keep_the_question_and_the_ministers_statements(
        vigie, tmp_path):
    folder = shared_path("corpus", "parlement")
    for path in folder.glob("an_question_gouvernement_QANR5L16QG*.json"):
        shutil.copy(path, tmp_path / path.name)
    assert vigie("ingest", tmp_path)[0] == 0
    from vigie.analysis.models import Analysis

    found = {a.document.uid: a.decision for a in Analysis.objects.select_related("document")}
    assert set(REAL) <= set(found)
    for uid, (question, essentials) in REAL.items():
        assert found[uid]["question"] == question, uid
        assert found[uid]["essentials"] == essentials, uid
        for line in essentials:  # no stage direction, interjection or address to a person
            assert "(Applaudissements" not in line and "Exclamations" not in line
            assert not line.startswith(("Madame", "Monsieur", "Vous", "Je vous remercie"))
    # « sans commune mesure » is no commune, « de plu|s » cut at 4000 characters no PLU.
    assert found["QANR5L16QG10"]["reasons"] == [
        "vocabulaire des collectivités : « intercommunalité »"]
    assert found["QANR5L16QG400"]["score"] == 0.0
    assert not any("urbanisme" in r for r in found["QANR5L16QG400"]["reasons"])


# A record written for this test, in the form of the Assemblée's (fictitious names).
RECORD = "\n".join((
    "DOTATION DES COMMUNES RURALES",
    "Mme la présidente. La parole est à Mme Marie Essai.",
    "Mme Marie Essai. Madame la ministre, les communes rurales attendent depuis des mois.",
    "M. Jean Voisin. Quelle dotation ?",
    "Mme Marie Essai. Quand la dotation de solidarité rurale sera-t-elle revue, madame la "
    "ministre ? (Applaudissements sur les bancs du groupe IND.)",
    "Mme la présidente. La parole est à Mme la ministre déléguée chargée des collectivités "
    "territoriales.",
    "Mme Claire Démo, ministre déléguée chargée des collectivités territoriales. Je vous "
    "remercie, madame la députée, pour cette question.",
    "Vous affirmez que le Gouvernement oublie les communes rurales de votre circonscription. "
    "(Protestations sur les bancs du groupe IND.) Madame Essai, votre groupe n'a jamais voté "
    "ces crédits. La dotation de solidarité rurale augmentera de 150 millions d'euros en 2027.",
    "M. Jean Voisin. Très bien !",
    "Mme Claire Démo, ministre déléguée . Nous avons simplifié les demandes de subvention des "
    "petites communes (Exclamations sur les bancs du groupe LR), avec les préfets,…",
    "M. Jean Voisin. Enfin !",
    "Mme Claire Démo, ministre déléguée . …et nous publierons la liste des communes éligibles "
    "avant l'été. Est-ce assez ? Non, et nous le savons !",
    "Mme la présidente. Merci, madame la ministre. Madame Essai, il vous reste dix secondes.",
    "Mme Marie Essai. Nous verrons bien ce que deviendront ces promesses dans nos communes.",
))


def test_a_debate_gives_the_members_question_and_the_ministers_commitments():
    item = ParliamentItem(uid="QANR5L17QG9990", kind=QUESTION, title="Dotation des communes",
                          chamber="an", answer=RECORD, answered=True, author="Mme Marie Essai")
    decision = analyse_parliament(item)
    # The question put to the minister, without « madame la ministre », not the interjection.
    assert decision.question == ("Mme Marie Essai demande : « Quand la dotation de solidarité "
                                 "rurale sera-t-elle revue ? »")
    # Not the thanks, the remark on the opponent, the named jab, the exclamations, the chair,
    # the member's reply; the sentence cut by « Enfin ! » read whole, the commitment first.
    assert decision.essentials == (
        "La dotation de solidarité rurale augmentera de 150 millions d'euros en 2027.",
        "Nous avons simplifié les demandes de subvention des petites communes, avec les "
        "préfets, et nous publierons la liste des communes éligibles avant l'été.")
    said = debates.turns(RECORD)
    assert [t.who for t in said if t.minister] == ["mme claire démo"] * 3
    assert [t.who for t in said if t.chair] == ["mme la présidente"] * 3


def test_a_written_answer_naming_a_minister_is_no_debate():
    answer = ("M. le ministre de l'intérieur a précisé la règle. Le maire peut reprendre une "
              "concession en état d'abandon après trois ans.")
    assert not debates.answered(debates.turns(answer))
    decision = analyse_parliament(ParliamentItem(
        uid="q", kind=QUESTION, title="Concessions funéraires", answer=answer, answered=True))
    assert decision.essentials == ("M. le ministre de l'intérieur a précisé la règle.",
                                   "Le maire peut reprendre une concession en état d'abandon "
                                   "après trois ans.")
