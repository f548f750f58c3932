"""BOAMP notices, aid schemes, feeds and OPML read from the real samples of ../shared/corpus
and from files written for these tests: pure functions, bytes in, records out."""

from __future__ import annotations

from datetime import date

import feedparser
import pytest

from vigie.documents.likeness import LikenessIndex, from_key, sketch, to_key
from vigie.parsing.aides import read_aids
from vigie.parsing.boamp import (
    AWARD,
    CALL,
    NoticeError,
    notice_from_record,
    notice_from_xml,
    records_in,
)
from vigie.parsing.feed import FeedError, canonical_url, read_feed
from vigie.parsing.opml import Outline, read_opml, write_opml


def test_boamp_xml_notices(shared):
    flux = shared("corpus", "flux")
    call = notice_from_xml((flux / "boamp_avis_pub-2.xml").read_bytes())
    assert (call.idweb, call.kind, call.departements) == ("16-181902", CALL, ("13",))
    assert call.buyer == "Grand Port Maritime de Marseille"
    assert call.deadline == date(2017, 1, 30) and call.published == date(2017, 1, 1)
    award = notice_from_xml((flux / "boamp_avis_attribution-6.xml").read_bytes())
    assert award.kind == AWARD and "ADIPAP" in award.winners
    assert award.procedure == "Procédure adaptée"
    for name in ("pub-3", "pub-8", "attribution-2", "attribution-4"):
        assert notice_from_xml((flux / f"boamp_avis_{name}.xml").read_bytes()).title


def test_boamp_api_records(shared):
    records = records_in(shared("corpus", "flux", "boamp_api_records_2026-08-19.json")
                         .read_bytes())
    notices = {n.idweb: n for n in map(notice_from_record, records[:3])}
    sanary = notices["26-81510"]
    assert sanary.departements == ("83",) and sanary.deadline == date(2026, 9, 22)
    assert sanary.buyer == "Ville de Sanary sur Mer (83)"
    assert sanary.procedure == "Procédure Ouverte" and sanary.kind == CALL
    assert notices["26-81306"].kind == AWARD and notices["26-81306"].winners == ("ATMOS",)
    with pytest.raises(NoticeError, match="champ manquant"):
        notice_from_record({"idweb": "26-1", "objet": "Travaux"})
    with pytest.raises(NoticeError, match="XML mal formé"):
        notice_from_xml(b"<ANNONCE><GESTION>")


def test_aid_schemes_of_three_providers(shared):
    aides = shared("corpus", "aides")
    drome, problems = read_aids(
        (aides / "aides-territoires_dataprovider_departement_drome_data.json").read_bytes())
    assert len(drome) == 3 and not problems
    assert drome[0].perimeter == "Drôme" and "Communes" in drome[0].audiences
    manche, _ = read_aids(
        (aides / "aides-territoires_dataprovider_departement_manche_data.json").read_bytes())
    assert len(manche) == 10 and "’" in manche[0].name  # HTML entities decoded
    ademe, _ = read_aids((aides / "aides-territoires_dataprovider_ademe_agir_data.json")
                         .read_bytes())
    assert ademe[0].deadline == date(2023, 12, 31) and ademe[0].perimeter == "National"
    assert ademe[0].url.startswith("https://agirpourlatransition.ademe.fr/")


def test_feeds_rss_atom_and_broken(shared):
    cnsa = read_feed(feedparser.parse(shared("corpus", "flux", "rss", "cnsa.xml").read_bytes()))
    assert cnsa.title == "CNSA - Actualités" and len(cnsa.entries) == 47
    assert cnsa.entries[0].published is not None and "<" not in cnsa.entries[0].summary
    atom = read_feed(feedparser.parse(
        b'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>A</title>'
        b'<link href="https://a.fr/x"/><id>1</id><updated>2026-10-14T08:00:00Z</updated>'
        b"</entry></feed>"))
    assert atom.entries[0].url == "https://a.fr/x"
    with pytest.raises(FeedError, match="pas un flux RSS ou Atom"):
        read_feed(feedparser.parse(b"pas un flux <<<"))


def test_wordpress_footer_is_no_summary(shared):
    """ADN Tourisme's feed (WordPress) gives, as each item's description, only « The post
    <title> appeared first on ADN Tourisme. »: English on a French site, the title again, once
    with its own escaped « <br> ». Readers were shown that line as the source's summary."""
    adn = read_feed(feedparser.parse(
        shared("corpus", "flux", "rss", "adn-tourisme.xml").read_bytes()))
    footers = [e for e in adn.entries if "appeared first" in e.summary or "<br>" in e.summary]
    assert len(adn.entries) == 28 and footers == []
    elected = [e for e in adn.entries if e.title.startswith("Christelle Chassagne")]
    assert [e.summary for e in elected] == [""]
    # What the site wrote itself is kept whole, up to the footer.
    assert sum(1 for e in adn.entries if e.summary) == 20
    rss = (b'<rss version="2.0"><channel><title>Site</title><item><title>Budget 2027</title>'
           b"<link>https://a.fr/b</link><description>&lt;p&gt;Les montants sont notifi\xc3\xa9s."
           b"&lt;/p&gt;&lt;p&gt;L\xe2\x80\x99article &lt;a href='https://a.fr/b'&gt;Budget 2027"
           b"&lt;/a&gt; est apparu en premier sur &lt;a href='https://a.fr'&gt;Maire-info.com"
           b"&lt;/a&gt;.&lt;/p&gt;</description></item></channel></rss>")
    assert read_feed(feedparser.parse(rss)).entries[0].summary == "Les montants sont notifiés."


def test_canonical_url_and_near_duplicates():
    assert canonical_url("https://www.Exemple.fr/a/?utm_source=x&b=2&a=1#haut") == \
        canonical_url("http://exemple.fr/a?a=1&b=2")
    index = LikenessIndex()
    text = ("La CNSA mobilise 207 millions d'euros en 2026 en soutien des départements pour "
            "l'accompagnement des personnes âgées et handicapées à domicile.")
    index.add(sketch(text), "premier")
    assert index.find(sketch(text.replace("2026 en", "2026, en"))) == "premier"
    longer = (text + " Les conseils départementaux recevront les crédits au premier "
              "trimestre, selon une répartition fixée par arrêté après avis de la CNSA.")
    index.add(sketch(longer), "long")
    assert index.find(sketch(longer.replace("premier trimestre", "second trimestre"))) == \
        "long"  # a word changed in a text of some length
    assert not index.find(sketch("Un tout autre sujet : la voirie communale et ses règles."))
    assert from_key(to_key(sketch(text))) == sketch(text) and len(to_key(sketch(text))) <= 64


def test_opml_round_trip():
    data = write_opml([Outline("https://a.fr/rss", "A", "rh", "https://a.fr/")],
                      {"rh": "Infos RH"})
    assert read_opml(data, ("rh", "actualite")) == [Outline("https://a.fr/rss", "A", "rh",
                                                            "https://a.fr/")]


def test_what_is_no_feed_is_said_in_french_with_what_it_is(shared):
    """An operator following the wrong address read « ce n'est pas un flux RSS ou Atom
    lisible (<unknown>:2:0: not well-formed (invalid token)) » in `vigie feeds list` and
    `vigie anomalies`: the XML parser's words, a line that is not the file's. A JSON answer
    and a web page are said to be so; a broken feed, where and why, in French."""
    from vigie.documents.feed_reading import read_body

    items = shared("corpus", "flux", "veille_rss_items_normalized_2026-06-29.json").read_bytes()
    assert read_body(items).error == (
        "ce n'est pas un flux RSS ou Atom lisible : contenu JSON, qui n'est ni un flux RSS ou "
        "Atom, ni des avis du BOAMP, ni une liste d'aides")
    page = b"<!DOCTYPE html>\n<html lang='fr'><head><title>CNSA</title></head><body></body>"
    assert read_body(page).error.endswith(": page web (HTML), pas un flux ; vérifier "
                                          "l'adresse du flux")
    cnsa = shared("corpus", "flux", "rss", "cnsa.xml").read_bytes()
    assert read_body(cnsa[:40]).error.startswith("ce n'est pas un flux RSS ou Atom lisible (")
    broken = cnsa.replace(b"<title>", b"<title>&nbsp;", 1)  # an HTML entity, not XML's
    warning = read_body(broken).problems[0]
    line = cnsa[:cnsa.index(b"<title>")].count(b"\n") + 1
    assert warning.startswith(f"XML mal formé, lu au mieux (ligne {line}, colonne ")
    assert warning.endswith(": entité inconnue (« &nbsp; » et autres entités du HTML))")
    for said in (read_body(items).error, read_body(cnsa[:40]).error, warning):
        assert "<unknown>" not in said and "not well-formed" not in said
