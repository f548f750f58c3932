"""Feeds as a source, end to end against a real HTTP server on 127.0.0.1: the real samples of
``../shared/corpus/flux`` and ``aides`` and feeds written for these tests (RSS 2.0, Atom,
broken XML), 304 on the second poll, 301 followed and stored, 410 retired, failures backed off
and reported, duplicates across feeds stored once, articles extracted once."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from vigie import pipeline
from vigie.analysis.models import Analysis
from vigie.documents.feed_list import add_feed, export_opml, import_opml
from vigie.documents.feed_poll import PollOptions
from vigie.documents.models import Anomaly, Document, Feed
from vigie.editions.models import Edition
from vigie.editions.reading import content_of

from .feed_server import FeedServer


def edition_content(day: date, departement: str):
    return content_of(Edition.objects.get(date=day, departement=departement))


NOW = datetime(2026, 10, 14, 6, 0, tzinfo=UTC)
FAST = PollOptions(workers=4, host_delay=0.0)

ARTICLE = ("<html><head><title>{title}</title></head><body><nav>Accueil · Presse</nav>"
           "<article><h1>{title}</h1><p>{body}</p><p>Les communes et les intercommunalités "
           "devront délibérer avant la fin de l'année sur ce dispositif, précise la note "
           "adressée aux préfets.</p></article><footer>Mentions légales</footer></body></html>")


def rss(items: list[tuple[str, str, str]], title: str = "Actualités des collectivités") -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description>"
        f"<guid>{link}</guid><pubDate>Wed, 14 Oct 2026 07:00:00 +0200</pubDate></item>"
        for t, link, d in items)
    return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            f"<title>{title}</title><link>https://exemple.gouv.fr/</link>"
            f"<description>Flux de test</description>{entries}</channel></rss>").encode()


def atom(items: list[tuple[str, str, str]]) -> bytes:
    entries = "".join(
        f"<entry><title>{t}</title><link href=\"{link}\"/><id>{link}</id>"
        f"<updated>2026-10-14T08:00:00Z</updated><summary>{d}</summary></entry>"
        for t, link, d in items)
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            "<title>Infos RH des centres de gestion</title><id>urn:cdg</id>"
            f"<updated>2026-10-14T08:00:00Z</updated>{entries}</feed>").encode()


@pytest.fixture
def server(shared):
    flux, aides = shared("corpus", "flux"), shared("corpus", "aides")
    with FeedServer() as srv:
        page = srv.url("/articles/dotation.html")
        srv.files.update({
            "/cnsa.xml": (flux / "rss" / "cnsa.xml").read_bytes(),
            "/enfance.xml": (flux / "rss" / "enfance-jeunesse-veille-juridique.xml").read_bytes(),
            "/boamp.json": (flux / "boamp_api_records_2026-08-19.json").read_bytes(),
            "/boamp-attribution.xml": (flux / "boamp_avis_attribution-6.xml").read_bytes(),
            "/aides-drome.json": (aides / "aides-territoires_dataprovider_departement_drome_data"
                                  ".json").read_bytes(),
            "/actualite.xml": rss([
                ("Dotation de soutien aux communes rurales : les montants 2026", page,
                 "Les communes rurales recevront la dotation de soutien en novembre."),
                ("Un concours de photographie sur la faune marine", srv.url("/articles/b.html"),
                 "Les photographes amateurs sont invités à participer.")]),
            # The same article, with tracking parameters, in another feed.
            "/autre.xml": rss([("Dotation de soutien aux communes rurales : les montants 2026",
                                page + "?utm_source=rss&utm_medium=flux",
                                "Les communes rurales recevront la dotation de soutien en "
                                "novembre.")], title="Autre source"),
            "/rh.atom": atom([("Nouveau barème des indemnités des agents territoriaux",
                               srv.url("/articles/rh.html"),
                               "Le barème applicable aux agents est revalorisé.")]),
            "/casse.xml": b"Ceci n'est pas un flux <<< &&",
            "/tronque.xml": b"<rss><channel><title>Flux tronqu\xc3\xa9</title><item><title>x",
            "/nouveau.xml": rss([("Le flux a déménagé", srv.url("/articles/c.html"),
                                  "Adresse nouvelle du flux de la préfecture.")]),
            "/articles/dotation.html": ARTICLE.format(
                title="Dotation de soutien aux communes rurales",
                body="Le montant de la dotation de soutien aux communes rurales est fixé "
                     "par arrêté. " * 8).encode(),
            "/articles/rh.html": b"<html><body></body></html>",  # nothing to extract
        })
        srv.moved["/ancien.xml"] = "/nouveau.xml"
        srv.gone.add("/supprime.xml")
        yield srv


def follow_all(server: FeedServer) -> None:
    for path, rubric in (("/cnsa.xml", "actualite"), ("/enfance.xml", "actualite"),
                         ("/actualite.xml", "actualite"), ("/autre.xml", "actualite"),
                         ("/rh.atom", "rh"), ("/casse.xml", "actualite"), ("/tronque.xml", "rh"),
                         ("/ancien.xml", "actualite"), ("/supprime.xml", "documentation"),
                         ("/boamp.json", "marches"), ("/boamp-attribution.xml", "marches"),
                         ("/aides-drome.json", "financements")):
        add_feed(server.url(path), rubric, licence="Licence Ouverte 2.0"
                 if path == "/actualite.xml" else "")
    # The real samples link to the real sites, out of reach here: their articles are not asked.
    Feed.objects.filter(url__in=[server.url("/cnsa.xml"), server.url("/enfance.xml")]).update(
        fetch_articles=False)


@pytest.mark.django_db
@pytest.mark.parametrize("readers", [0, 2])
def test_first_poll_stores_every_feed_and_reports_the_broken_ones(server, vigie, readers):
    follow_all(server)
    report = pipeline.sync_feeds(PollOptions(workers=4, host_delay=0.0, readers=readers))
    assert report.status == 1  # the broken feed and the gone one
    by_rubric = {r: Document.objects.filter(rubric=r).count()
                 for r in ("actualite", "rh", "marches", "financements")}
    assert by_rubric["rh"] == 1 and by_rubric["financements"] == 3
    assert by_rubric["marches"] == 4  # 3 API records + 1 XML award
    # cnsa.xml carries 20 articles twice under two addresses: stored once.
    cnsa = Feed.objects.get(url=server.url("/cnsa.xml"))
    assert cnsa.title == "CNSA - Actualités" and cnsa.items == 27
    # The same article in two feeds (one address with tracking parameters): one document.
    assert Document.objects.filter(title__startswith="Dotation de soutien").count() == 1
    # 301: followed and the stored address moved; 410: retired and reported.
    moved = Feed.objects.get(moved_from=server.url("/ancien.xml"))
    assert moved.url == server.url("/nouveau.xml") and moved.items == 1
    gone = Feed.objects.get(url=server.url("/supprime.xml"))
    assert gone.status == Feed.RETIRED
    broken = Feed.objects.get(url=server.url("/casse.xml"))
    assert broken.failures == 1 and broken.next_attempt > NOW and broken.status == Feed.ACTIVE
    messages = " ".join(Anomaly.objects.values_list("message", flat=True))
    assert "410" in messages and "déplacé définitivement" in messages
    assert "pas un flux RSS ou Atom lisible" in messages
    assert "XML mal formé, lu au mieux" in messages  # the truncated feed, read as it could be
    assert Feed.objects.get(url=server.url("/tronque.xml")).failures == 0
    code, out, _ = vigie("status")
    assert code == 1 and f"en échec ×1 : {server.url('/casse.xml')}" in out
    assert f"retiré : {server.url('/supprime.xml')}" in out


@pytest.mark.django_db
def test_second_poll_is_all_304_and_changes_nothing(server):
    follow_all(server)
    pipeline.sync_feeds(FAST)
    count = Document.objects.count()
    before = len(server.requests)
    report = pipeline.sync_feeds(PollOptions(workers=4, host_delay=0.0))
    asked = [path for path, _ in server.requests[before:]]
    assert "/casse.xml" not in asked  # backed off: not due yet
    assert "/supprime.xml" not in asked  # retired
    assert all(server.hits(p)[-1].get("if-none-match") for p in ("/cnsa.xml", "/boamp.json"))
    assert Document.objects.count() == count
    assert not report.touched


@pytest.mark.django_db
def test_article_text_extracted_once_and_shown_only_when_the_licence_allows(server, client):
    follow_all(server)
    pipeline.sync_feeds(FAST)
    doc = Document.objects.get(title__startswith="Dotation de soutien")
    assert doc.details["extraction"] == "done"
    assert "dotation de soutien aux communes rurales est fixé" in doc.details["full_text"]
    assert len(server.hits("/articles/dotation.html")) == 1
    pipeline.sync_feeds(PollOptions(workers=4, host_delay=0.0, everything=True))
    assert len(server.hits("/articles/dotation.html")) == 1  # fetched once
    rh = Document.objects.get(rubric="rh")
    assert rh.details["extraction"] == "failed"
    assert Anomaly.objects.filter(message__contains="article non extrait").exists()
    page = client.get(f"/texte/{doc.uid}/").content.decode()
    assert "est fixé par arrêté" in page and "pas par Vigie" in page
    assert server.url("/articles/dotation.html") in page
    cnsa = Document.objects.filter(delivery=server.url("/cnsa.xml")).first()
    assert "Résumé donné par la source" in client.get(f"/texte/{cnsa.uid}/").content.decode()


@pytest.mark.django_db
def test_incremental_polling_of_the_same_feed_adds_only_new_items(shared):
    rss_dir = shared("corpus", "flux", "rss")
    with FeedServer({"/cnsa.xml": (rss_dir / "cnsa_2026-08-08.xml").read_bytes()}) as srv:
        add_feed(srv.url("/cnsa.xml"), "actualite")
        Feed.objects.update(fetch_articles=False)
        pipeline.sync_feeds(FAST)
        first = set(Document.objects.values_list("uid", flat=True))
        srv.files["/cnsa.xml"] = (rss_dir / "cnsa.xml").read_bytes()
        # Read by two worker processes, as a large poll is.
        pipeline.sync_feeds(PollOptions(workers=4, host_delay=0.0, everything=True,
                                        articles=False, readers=2))
        after = set(Document.objects.values_list("uid", flat=True))
    assert first < after
    titles = list(Document.objects.values_list("title", flat=True))
    assert len(titles) == len(set(titles))  # no article twice


@pytest.mark.django_db
def test_procurement_and_funding_items_go_to_their_departements_editions(server):
    follow_all(server)
    pipeline.sync_feeds(FAST)
    sanary = Analysis.objects.get(document__uid="BOAMP26-81510")
    assert sanary.retained and sanary.departements == ["83"]
    assert sanary.decision["dates"][0]["date"] == "2026-09-22"
    hospital = Analysis.objects.get(document__uid="BOAMP26-81222")  # GHT du Cher
    assert not hospital.retained
    content = edition_content(date(2026, 8, 19), "83")
    marches = [i for i in content.items() if i.rubric == "marches"]
    assert [i.uid for i in marches] == ["BOAMP26-81510"]
    assert marches[0].origin.url == "https://www.boamp.fr/pages/avis/?q=idweb:26-81510"
    assert not [i for i in edition_content(date(2026, 8, 19), "18").items()
                if i.rubric == "marches"]
    drome = Analysis.objects.filter(document__rubric="financements", retained=True)
    assert {tuple(a.departements) for a in drome} == {("26",)}


@pytest.mark.django_db
def test_opml_round_trip_and_the_command(vigie, tmp_path):
    code, out, _ = vigie("feeds", "add", "https://www.exemple.gouv.fr/rss.xml", "--rubric", "rh")
    assert code == 0 and "Flux ajouté" in out
    code, _, err = vigie("feeds", "add", "ftp://exemple/x", "--rubric", "rh")
    assert code == 2 and "adresse de flux invalide" in err
    code, out, _ = vigie("feeds", "export")
    assert 'xmlUrl="https://www.exemple.gouv.fr/rss.xml"' in out and 'category="rh"' in out
    Feed.objects.all().delete()
    added, refused = import_opml(out.encode())
    assert [(a.feed.url, a.feed.rubric) for a in added] == [
        ("https://www.exemple.gouv.fr/rss.xml", "rh")] and not refused
    assert b"Infos RH" in export_opml()
    code, out, _ = vigie("feeds", "defaults")
    assert code == 0 and Feed.objects.filter(shipped=True, rubric="marches").exists()
    code, out, _ = vigie("feeds", "defaults")
    assert "0 flux ajouté" in out
    code, out, _ = vigie("feeds", "list")
    assert "[financements]" in out


@pytest.mark.django_db
def test_a_feed_address_is_one_a_request_can_reach_and_is_followed_once(vigie):
    """« https://exa mple.org/rss » and « https://:80/x » were followed (and failed at every
    sync); « HTTPS://WWW.Exemple.gouv.fr/rss.xml » was a second feed beside
    « https://www.exemple.gouv.fr/rss.xml », its items read twice; identifiers in an address
    were kept and shown by ``vigie feeds list``, the logs and, for a feed without a title, the
    site (its source's name)."""
    assert vigie("feeds", "add", "https://www.exemple.gouv.fr/rss.xml", "--rubric", "rh")[0] == 0
    code, out, _ = vigie("feeds", "add", "HTTPS://WWW.Exemple.GOUV.fr/rss.xml", "--rubric", "rh")
    assert code == 0 and "Flux déjà suivi" in out
    assert vigie("feeds", "add", "https://www.exemple.gouv.fr/RSS.xml", "--rubric", "rh")[0] == 0
    assert sorted(Feed.objects.values_list("url", flat=True)) == [
        "https://www.exemple.gouv.fr/RSS.xml", "https://www.exemple.gouv.fr/rss.xml"]
    refused = {
        "https://exa mple.org/rss": "(espace ou caractère de contrôle : encodez-le (%20…))",
        "https://exemple.org/r\tss": "(espace ou caractère de contrôle",
        "https://exemple.org:99999/rss": "(port invalide : 1 à 65535)",
        "https://exemple.org:0/rss": "(port invalide : 1 à 65535)",
        "https://:80/x": "(nom de serveur absent)",
        "https://lecteur:motdepasse@exemple.org/rss": "identifiants refusés dans l'adresse "
                                                      "« exemple.org »",
    }
    for url, said in refused.items():
        code, _, err = vigie("feeds", "add", url, "--rubric", "rh")
        assert code == 2 and said in err, (url, err)
        assert "motdepasse" not in err
    assert Feed.objects.count() == 2
    code, out, _ = vigie("feeds", "remove", "HTTPS://WWW.EXEMPLE.GOUV.FR/rss.xml")
    assert code == 0 and list(Feed.objects.values_list("url", flat=True)) == [
        "https://www.exemple.gouv.fr/RSS.xml"]
    Feed.objects.create(url="HTTPS://ANCIEN.exemple.fr/rss", rubric="rh")  # followed before
    assert vigie("feeds", "remove", "HTTPS://ANCIEN.exemple.fr/rss")[0] == 0
    assert not Feed.objects.filter(url__icontains="ancien").exists()


@pytest.mark.django_db
def test_vigie_show_says_what_a_news_item_a_notice_or_an_aid_is(vigie):
    """``vigie show BOAMP…`` printed « Question (Avis de marché) n° 26-990001 — », a news
    item « Question n°  — »: the Parliament's layout, for items that are none of its."""
    from vigie.commands.demo import follow_sample_feeds

    assert follow_sample_feeds(lambda event: None) == 0
    code, out, _ = vigie("show", "BOAMP26-990001")
    assert code == 0 and "Question" not in out
    assert "  Date limite de réponse : 23 octobre 2026 (" in out  # was « 2026-10-23 »
    for line in ("Identifiant : BOAMP26-990001", "Type : Avis de marché public",
                 "Rubrique Vigie : Marchés publics", "Acheteur : Ville de Bourges (démonstration)",
                 "Date limite : 23 octobre 2026", "Territoire : Cher (18)",
                 "  Page d'origine : https://demo.vigie.invalid/boamp/26-990001"):
        assert line in out.splitlines(), line
    aid = Document.objects.get(rubric="financements", title__startswith="Rénovation").uid
    code, out, _ = vigie("show", aid)
    assert "Type : Aide" in out and "Public visé : Communes, Intercommunalités / Pays" in out
    assert "Résumé\nSubvention pour les travaux d'isolation" in out
    news = Document.objects.filter(rubric="actualite").first()
    code, out, _ = vigie("show", news.uid)
    assert code == 0 and "Type : Article" in out and "Question" not in out
    assert f"  Relevé dans : {news.details['feed']}" in out


SECRET_FEED = [("Contenu d'un fichier du serveur", "https://exemple.fr/secret",
                "Ce fichier n'est pas un flux suivi et ne doit pas être publié.")]


@pytest.mark.django_db
def test_an_opml_file_cannot_make_vigie_read_the_servers_files(vigie, tmp_path):
    """A local file is followed only when the operator says so (``vigie feeds add``): an
    outline of an OPML file with a ``file://`` address is refused, in French."""
    local = tmp_path / "secret.xml"
    local.write_bytes(rss(SECRET_FEED))
    opml = tmp_path / "liste.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>Liste</title></head><body>'
        f'<outline text="Local" xmlUrl="{local.as_uri()}"/>'
        '<outline text="Préfecture" xmlUrl="https://www.exemple.gouv.fr/rss.xml"/>'
        '</body></opml>', encoding="utf-8")
    code, out, err = vigie("feeds", "import", str(opml))
    assert code == 1 and "1 flux ajouté(s), 0 déjà suivi(s), 1 refusé(s)" in out, out
    assert f"adresse locale refusée « {local.as_uri()} »" in err, err
    assert list(Feed.objects.values_list("url", flat=True)) == [
        "https://www.exemple.gouv.fr/rss.xml"]
    code, out, _ = vigie("feeds", "add", local.as_uri(), "--rubric", "actualite")
    assert code == 0 and "Flux ajouté" in out  # the operator's own choice


@pytest.mark.django_db
def test_a_redirect_to_a_local_file_is_not_followed(tmp_path):
    """A feed's server answering « moved permanently » to a ``file://`` address: the feed
    keeps its address, the file is not read, the failure is said."""
    local = tmp_path / "secret.xml"
    local.write_bytes(rss(SECRET_FEED))
    with FeedServer() as srv:
        srv.moved["/piege.xml"] = local.as_uri()
        add_feed(srv.url("/piege.xml"), "actualite")
        pipeline.sync_feeds(FAST)
    feed = Feed.objects.get()
    assert feed.url == srv.url("/piege.xml") and not feed.moved_from
    # (refused as an address that is not public, before the scheme is even looked at)
    assert feed.failures == 1 and "refusée" in feed.last_error, feed.last_error
    assert not Document.objects.filter(title__contains="fichier du serveur").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("readers", [0, 2])
def test_a_poll_larger_than_a_batch_stores_each_item_once_and_the_next_changes_nothing(readers):
    # 40 feeds: more than a transaction's batch (32 feeds with items); read in the fetching
    # threads, then by two processes.
    subjects = ("la voirie communale", "la petite enfance", "le fonds vert", "les biodéchets",
                "la taxe d'aménagement")
    files = {f"/f{n}.xml": rss([(f"Feuille {n} : {subject} réformée pour {n + 3} communes en "
                                 f"{2026 + i}", f"https://exemple.fr/{n}/{i}",
                                 f"Le ministère précise {subject}, note {n}-{i}, "
                                 f"{n * 7 + i} millions d'euros.")
                                for i, subject in enumerate(subjects)], title=f"Source {n}")
             for n in range(40)}
    # The articles of /f0.xml again, under other titles and summaries: same address, so the
    # same news, whichever batch each feed falls in.
    files["/f39.xml"] = rss([(f"Autre titre {i}", f"https://exemple.fr/0/{i}",
                              f"Un autre résumé, numéro {i}.") for i in range(len(subjects))])
    with FeedServer(files) as srv:
        for path in files:
            add_feed(srv.url(path), "actualite")
        Feed.objects.update(fetch_articles=False)
        options = PollOptions(workers=4, host_delay=0.0, articles=False, readers=readers)
        first = pipeline.sync_feeds(options)
        stored = set(Document.objects.values_list("uid", flat=True))
        second = pipeline.sync_feeds(PollOptions(workers=4, host_delay=0.0, articles=False,
                                                 readers=readers, everything=True))
        assert set(Document.objects.values_list("uid", flat=True)) == stored
    assert len(stored) == 39 * len(subjects)
    assert first.status == 0 and not second.touched
    assert set(Feed.objects.values_list("last_status", flat=True)) == {304}
    assert not Feed.objects.filter(etag="").exists()
