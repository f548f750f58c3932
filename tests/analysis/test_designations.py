"""« Portant désignation »: of a person to a post, an individual measure (policy §4) like
« portant nomination »; of a site or of offices, not."""

from __future__ import annotations

from vigie.analysis.engine import analyse

from .test_selection import has, item


def test_a_designation_to_a_post_is_a_nomination_and_a_site_designation_is_not():
    # A real title (JORF of 22 December 2020, no rubric in the sommaire): a person named to
    # a post of an interministerial committee, an individual measure (policy §4).
    post = analyse(item(
        "Décision du 17 décembre 2020 portant désignation aux fonctions de secrétaire général "
        "adjoint du comité interministériel de prévention de la délinquance et de la "
        "radicalisation (CIPDR)"))
    assert has(post.reasons, "mesure individuelle") and not post.retained
    site = analyse(item(
        "Arrêté du 10 novembre 2020 modifiant l'arrêté du 22 avril 2014 portant désignation du "
        "site Natura 2000 Vallée de l'Allier nord (zone spéciale de conservation)"))
    assert not has(site.reasons, "mesure individuelle")
