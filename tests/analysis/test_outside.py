"""News, BOAMP notices and aid schemes decided by the learned selection of the JO: the
verdict follows the shipped weights on what an item offers, its form settles only what it
must (a local buyer's notice, a closed aid), and every reason is said in French."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from vigie.analysis.evidence import gather
from vigie.analysis.models import Analysis
from vigie.analysis.outside import OutsideItem, as_item, decide
from vigie.analysis.selection import assess, features_of
from vigie.analysis.weights import shipped
from vigie.documents.models import Document

DAY = date(2026, 10, 14)
DOTATION = OutsideItem(
    rubric="actualite", title="Dotation de soutien aux communes rurales : les montants 2026",
    summary="Les communes rurales et les intercommunalités recevront la dotation en novembre.",
    source="Direction générale des collectivités locales", published=DAY)
PHOTO = OutsideItem(rubric="actualite", title="Un concours de photographie sur la faune marine",
                    summary="Les photographes amateurs sont invités à participer.",
                    source="Office français de la biodiversité", published=DAY)


def learned_verdict(item: OutsideItem) -> bool:
    """What the JO's selection says of the item read as a JO text, without the JO's prior:
    the item's own features must weigh for it (and JO-only features are not counted)."""
    analysed = as_item(item)
    features, signals = features_of(analysed, gather(analysed))
    for name in ("rubrique:aucune", "nature:INCONNUE"):
        features.values.pop(name, None)
    selection = assess(features, signals)
    return selection.retained and sum(shipped().contributions(features.values).values()) > 0


def test_news_follow_the_learned_selection_with_weighted_french_reasons():
    for item in (DOTATION, PHOTO):
        decision = decide(item, today=DAY)
        assert decision.retained == learned_verdict(item)
        assert any("(+" in r or "(-" in r for r in decision.reasons)
    assert decide(DOTATION, today=DAY).retained and not decide(PHOTO, today=DAY).retained
    assert decide(DOTATION, today=DAY).scope == "national"


def test_the_weights_decide_not_a_rule():
    weights = shipped()
    # Every feature weighing for retention: the photography contest's words too.
    eager = replace(weights, selection={k: abs(v) for k, v in weights.selection.items()})
    assert decide(PHOTO, today=DAY, weights=eager).retained
    reluctant = replace(weights, bias=weights.bias - 100)
    assert not decide(DOTATION, today=DAY, weights=reluctant).retained


def test_a_local_buyers_notice_is_retained_for_its_departement_whatever_the_sum():
    notice = OutsideItem(rubric="marches", title="Fourniture de matériel de nettoyage",
                         summary="Produits d'entretien", source="Commune de Sanary-sur-Mer",
                         departements=("83",), deadline=date(2026, 11, 2), published=DAY)
    weights = shipped()
    reluctant = replace(weights, bias=weights.bias - 100)
    decision = decide(notice, today=DAY, weights=reluctant)
    assert decision.retained and decision.departements == ("83",)
    assert decision.reasons[0].startswith("marché d'un acheteur public local")
    assert decision.theme == "commande_publique"
    assert decision.dates[0].label == "Date limite de réponse"
    other = replace(notice, title="Nettoyage des locaux d'un centre hospitalier",
                    source="Centre hospitalier de Bourges", departements=("18",))
    hospital = decide(other, today=DAY)
    assert not hospital.retained and "n'est pas une collectivité" in hospital.reasons[0]
    eager = replace(weights, selection={k: abs(v) + 1 for k, v in weights.selection.items()})
    assert decide(other, today=DAY, weights=eager).retained  # its words would decide
    assert not decide(replace(notice, departements=()), today=DAY).retained


def test_aids_for_local_authorities_open_ones_only():
    aid = OutsideItem(rubric="financements", title="Aide à la rénovation des écoles",
                      summary="Subvention pour la rénovation énergétique des bâtiments scolaires",
                      source="Département de la Drôme", departements=("26",),
                      audiences=("Communes", "Intercommunalités / Pays"),
                      deadline=date(2026, 12, 31), published=DAY)
    decision = decide(aid, today=DAY)
    assert decision.retained and decision.scope == "local" and decision.departements == ("26",)
    assert "aide ouverte aux collectivités : Communes, Intercommunalités / Pays" in (
        decision.reasons)
    closed = decide(aid, today=date(2027, 1, 5))
    assert not closed.retained and closed.reasons[0] == "aide close le 31/12/2026"
    firms = decide(replace(aid, audiences=("Entreprises privées",)), today=DAY)
    assert not firms.retained and "ne vise pas les collectivités" in firms.reasons[0]
    national = decide(replace(aid, national=True, departements=()), today=DAY)
    assert national.scope == "national" and national.departements == ()


def test_an_infos_rh_item_is_filed_under_human_resources():
    item = OutsideItem(rubric="rh", title="Nouveau barème des indemnités des agents territoriaux",
                       summary="Le barème applicable aux agents est revalorisé.", published=DAY)
    decision = decide(item, today=DAY)
    assert decision.theme == "rh" and decision.retained == learned_verdict(item)


@pytest.mark.django_db
def test_the_extracted_text_is_analysed_once_it_is_there():
    from vigie import pipeline

    doc = Document.objects.create(
        uid="FLUXTEST0001", rubric="actualite", flow="flux", title="Ce qui change cet automne",
        ministry="Exemple", date_publi=DAY, content_hash="h",
        details={"kind": "article", "summary": "Quelques nouveautés.", "url": "https://x.fr/a"})
    first = pipeline.analyse([doc.uid])
    assert first.counts["created"] == 1
    before = Analysis.objects.get(document=doc).decision
    doc.details = {**doc.details, "extraction": "done", "full_text": (
        "Les communes et les intercommunalités devront délibérer avant le 31 décembre 2026 "
        "sur la taxe d'aménagement ; le conseil municipal fixe le taux. ") * 3}
    doc.save()
    second = pipeline.analyse([doc.uid])
    assert second.counts["updated"] == 1
    after = Analysis.objects.get(document=doc).decision
    assert after != before and after["dates"]  # the text's deadline is read
    assert pipeline.analyse([doc.uid]).counts["unchanged"] == 1


def test_news_showing_nothing_is_not_retained_on_the_jos_prior():
    # Its feed's name speaks of local authorities: it says nothing of this item.
    item = OutsideItem(rubric="actualite", title="Un festival de cerfs-volants sur la plage",
                       summary="Les amateurs se retrouvent pour trois jours de vol libre.",
                       source="Actualités des collectivités", published=DAY)
    decision = decide(item, today=DAY)
    assert not decision.retained and decision.scope == "no"
    # The learned pieces weigh against it: nothing in its line (no local authority named, no
    # word of their vocabulary) ties it to local authorities; both say so first.
    assert decision.reasons[0].startswith(("rien dans la ligne ne relie le texte aux "
                                           "collectivités", "aucune collectivité"))
    assert any(reason.startswith("rien dans la ligne ne relie le texte aux collectivités")
               for reason in decision.reasons[:2])
    # With a JO prior strong enough to retain it on its own, it is still left out, and why.
    weights = shipped()
    prior = replace(weights, bias=weights.threshold + 5.0)
    decision = decide(item, today=DAY, weights=prior)
    assert not decision.retained and decision.scope == "no"
    assert decision.reasons[0].startswith("rien de ce qu'il montre ne pèse")


def test_a_circulaire_states_the_first_sentence_of_its_resume():
    # The XML of the DILA's fund gives no body but the résumé (the circulaire is a PDF).
    circulaire = OutsideItem(
        rubric="circulaires", kind="circulaire", national=True,
        title="Circulaire relative aux conventions de coordination de la police municipale",
        source="Ministère de l'intérieur", published=date(2026, 10, 14),
        summary="La présente circulaire demande aux préfets d'engager avec les maires le "
                "renouvellement des conventions de coordination prévues à l'article L. 512-4 "
                "du code de la sécurité intérieure. Elle précise aussi l'armement des agents.")
    decision = decide(circulaire)
    assert decision.essentials == (
        "La présente circulaire demande aux préfets d'engager avec les maires le renouvellement "
        "des conventions de coordination prévues à l'article L. 512-4 du code de la sécurité "
        "intérieure.",)
    assert decide(replace(circulaire, summary="")).essentials == ()
    news = replace(circulaire, rubric="actualite", kind="news")
    assert decide(news).essentials == ()  # a source's own words stay on its page
