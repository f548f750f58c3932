"""The page of one text: full text, metadata, notice, why Vigie kept it, official links,
provenance. Works for texts known from a sommaire only (no body yet)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_vary_headers

from vigie.analysis.records import Decision
from vigie.analysis.territories import Territory
from vigie.documents.citation import official_links
from vigie.documents.display import NOTICE_LABELS
from vigie.documents.export import STATUS_LABELS, articles_of, official_urls, split_signatories
from vigie.documents.models import Document
from vigie.documents.parlement_display import (
    kind_label,
    parlement_facts,
    parlement_source,
    section_label,
)
from vigie.documents.parlement_fields import ANSWERED, REPONSES
from vigie.documents.parlement_fields import STATUS_LABELS as PARLEMENT_STATUS_LABELS
from vigie.editions.content import web_address
from vigie.editions.reading import editions_showing
from vigie.newsroom import audit, editorial
from vigie.newsroom.corrections import decision_of, history
from vigie.newsroom.models import EditorialItem
from vigie.reference.french import journal_officiel
from vigie.reference.natures import nature_label
from vigie.reference.places import departement_label
from vigie.reference.taxonomy import ORIGIN_RUBRICS, RUBRICS, role_label, theme_label
from vigie.web.addresses import edition_path, text_path
from vigie.web.caching import PAGE_AGE, cached
from vigie.web.templatetags.vigie import date_fr
from vigie.web.views.annexes import GROUP_CLASS
from vigie.web.views.articles import article_page
from vigie.web.views.bodies import shown
from vigie.web.views.common import chosen_departement, signed_in_editor
from vigie.web.views.outside import source_page

# The states of JO texts and of Parliament items (« réponse publiée », « en cours
# d'examen »…), in words.
STATES = {**STATUS_LABELS, **PARLEMENT_STATUS_LABELS}
# Where a text of the Journal officiel comes from (Parliament items: ``parlement_source``).
DILA_SOURCE = "Journal officiel, données ouvertes de la DILA (Licence Ouverte 2.0)"
KINDS = {"commune": "commune", "departement": "département", "region": "région",
         "epci": "intercommunalité", "arrondissement": "arrondissement"}


def verdict(decision: Decision | None) -> str:
    """« Retenu pour toutes les éditions », « Non retenu »… in words."""
    if decision is None:
        return "Ce texte n'a pas encore été analysé."
    if not decision.retained:
        return "Non retenu : ce texte ne concerne pas directement les collectivités."
    if decision.scope == "national":
        return "Retenu pour toutes les éditions (édition nationale et chaque département)."
    places = ", ".join(departement_label(d) for d in decision.departements)
    return f"Retenu pour les éditions des départements concernés : {places}."


# « 2026-1121QPC », « 2026-910DC », « 2026-6321AN »: digits glued to a series' letters.
_SERIES = re.compile(r"^([0-9][0-9-]*[0-9])([A-Z]{1,5})$")
MAX_TERRITORIES = 40  # beyond, the panel sums up: the annexes list them all


def territories(decision: Decision, reader: str = "") -> list[str]:
    """« Vierzon — commune, Cher (18) » (no parentheses within parentheses); for a long list
    (an annex of 700 communes), the counts, the reader's département and its communes only."""
    if len(decision.territories) > MAX_TERRITORIES:
        return _summed_up(decision, reader)
    lines = []
    for t in by_departement(decision.territories):
        where = departement_label(t.departement) if t.departement else ""
        kind = KINDS.get(t.kind, t.kind)
        details = ", ".join(p for p in (kind, where) if p and t.kind != "departement")
        lines.append(f"{t.name} — {details}" if details else t.name)
    return lines


def by_departement(found: Sequence[Territory]) -> list[Territory]:
    """The territories grouped by département, in the order the text first names each (the
    département itself first): a commune named again further on (« Sancerre », after the
    Loiret's list) joins its own, not the last group read."""
    first: dict[str, int] = {}
    for index, territory in enumerate(found):
        first.setdefault(territory.departement or territory.code, index)
    return sorted(found, key=lambda t: (first[t.departement or t.code],
                                        t.kind != "departement"))


def _summed_up(decision: Decision, reader: str) -> list[str]:
    counts = Counter(t.kind for t in decision.territories)
    words = {"departement": ("département", "départements"), "commune": ("commune", "communes"),
             "region": ("région", "régions"), "epci": ("intercommunalité", "intercommunalités")}
    lines = [", ".join(f"{counts[kind]} {words[kind][counts[kind] > 1]}"
                       for kind in words if counts[kind])]
    mine = [t.name for t in decision.territories if t.kind == "commune"
            and t.departement == reader]
    if reader and mine:
        lines.append(f"{departement_label(reader)} : {', '.join(mine)}")
    lines.append("La liste complète est dans le texte, par département.")
    return lines


def editions_of(doc: Document | EditorialItem) -> list[dict[str, str]]:
    """Where Vigie showed this text: the national edition, or the départements' ones."""
    return [{"url": edition_path(e.date, e.departement), "label": e.title}
            for e in editions_showing(doc.uid)]


def _is_dossier(doc: Document) -> bool:
    """A legislative dossier: its page holds the steps of a procedure, not a text."""
    return (doc.details or {}).get("kind") == "dossier"


def body_heading(doc: Document) -> str:
    """What the page's main section holds: a dossier's steps, a question (and its answer), or
    a text."""
    if _is_dossier(doc):
        return "Procédure parlementaire"
    if doc.rubric == REPONSES:
        return "La question et sa réponse" if doc.status == ANSWERED else "La question"
    return "Texte intégral"


def kind_of(doc: Document) -> str:
    """« Décret », « Question écrite », « Proposition de loi »: what the text is."""
    if doc.rubric == "jo":
        return nature_label(doc.nature)
    return doc.nature if _is_dossier(doc) else kind_label(doc.nature)


def number_of(doc: Document) -> str:
    """The number as the title writes it: the DILA gives a decision of the Conseil
    constitutionnel as « 2026-1121QPC », its title and Légifrance say « 2026-1121 QPC »."""
    return _SERIES.sub(r"\1 \2", doc.number) if doc.rubric == "jo" else doc.number


def facts(doc: Document) -> list[tuple[str, str]]:
    published = (doc.origine_publi if doc.rubric != "jo" else
                 journal_officiel(doc.jo_number, doc.date_publi)
                 if doc.jo_number and doc.date_publi else date_fr(doc.date_publi))
    rows = [("Nature", kind_of(doc)), ("Numéro", number_of(doc)), ("NOR", doc.nor),
            ("Date du texte", date_fr(doc.date_text)),
            ("Publication", published),
            ("Ministère", doc.ministry), *(parlement_facts(doc) if doc.rubric != "jo" else ()),
            ("Rubrique du sommaire" if doc.rubric == "jo" else section_label(doc), doc.section),
            ("Rang dans le sommaire", str(doc.rank or "")),
            ("Rubrique Vigie", RUBRICS.get(doc.rubric, doc.rubric)),
            ("État", STATES.get(doc.status, doc.status)), ("Identifiant", doc.uid)]
    return [(label, value) for label, value in rows if value]


def not_a_text(request: HttpRequest, uid: str) -> HttpResponse:
    """An article of the newsroom, a text known by its NOR (redirected), or a 404."""
    article = editorial.by_uid(uid)
    if article is not None:
        return article_page(request, article, editions_of(article))
    by_nor = Document.objects.filter(nor=uid.upper()).values_list("uid", flat=True).first()
    if by_nor:  # a NOR is how many people know a text
        return HttpResponseRedirect(text_path(by_nor))
    raise Http404(f"Aucun texte « {uid} » dans Vigie.")


def named_document(uid: str) -> Document | None:
    """The text an address names (None: none has this identifier). An address holding a NUL,
    which no identifier or NOR does, is a 404 before any query: PostgreSQL refuses a NUL in
    one (a 500)."""
    if "\x00" in uid:
        raise Http404("Adresse de texte invalide.")
    return Document.objects.select_related("analysis").filter(uid=uid).first()


@cached(PAGE_AGE)
def text_page(request: HttpRequest, uid: str) -> HttpResponse:
    doc = named_document(uid)
    if doc is None:
        return not_a_text(request, uid)
    # The effective decision: the newsroom's corrections over the machine's.
    decision, corrected = decision_of(doc)
    editor = signed_in_editor(request)
    if doc.rubric in ORIGIN_RUBRICS:  # news, notices, aids, decisions: their origin's
        return source_page(request, doc, verdict(decision), editions_of(doc))
    signatories, made = split_signatories(list(doc.signatories or []))
    notice = [(label, (doc.notice or {}).get(key, "")) for key, label in NOTICE_LABELS.items()]
    themes = [decision.theme, *decision.themes] if decision else []
    reader = chosen_departement(request)
    articles = articles_of(doc)
    # Long annex tables grouped by département, the reader's first (see ``annexes``).
    shown(doc, articles, parliament=doc.rubric != "jo", reader=reader)
    response = render(request, "web/texte.html", {
        "doc": doc, "articles": articles, "facts": facts(doc),
        "notice": [(label, value) for label, value in notice if value],
        "decision": decision, "verdict": verdict(decision), "corrected": corrected,
        "audit": audit.rows(history(doc.uid)) if editor else None,
        "themes": [theme_label(t) for t in themes if t],
        "roles": [role_label(r) for r in decision.roles] if decision else [],
        "territories": territories(decision, reader) if decision else [],
        # Links only to plain https:// addresses; anything else (an ELI « javascript:… »
        # in a delivery) is shown as text.
        "urls": {kind: web_address(url) for kind, url in official_urls(doc).items()},
        "raw_urls": official_urls(doc),
        # Parliament items: the chamber's page (and the law), https:// only as links.
        "parliament": doc.rubric != "jo", "kind": kind_of(doc), "body_heading": body_heading(doc),
        "source": parlement_source(doc) if doc.rubric != "jo" else DILA_SOURCE,
        "links": _links(doc),
        "signatories": signatories, "made": made, "editions": editions_of(doc),
        "sommaire_only": doc.status == Document.STATUS_SOMMAIRE,
    })
    if editor:  # the audit is for the signed-in editor only: never in a shared cache
        add_never_cache_headers(response)
    elif _for_a_reader(decision, articles):  # what is shown first depends on the cookie
        patch_vary_headers(response, ["Cookie"])
    return response


def _links(doc: Document) -> list[tuple[str, str, str, bool]]:
    """(label, link, address, is the chamber's page): « Page officielle (Sénat) », then
    « Dossier de l'autre assemblée », « Loi promulguée (Légifrance) » by their own names."""
    return [(label, web_address(url), url, kind == "official")
            for kind, label, url in official_links(doc)]


def _for_a_reader(decision: Decision | None, articles: list) -> bool:
    """Whether the page puts the reader's département first (long lists of territories,
    annex tables grouped by département): it must vary with the cookie that names it —
    whoever asks, so that a cache never keeps one reader's page for all."""
    return (decision is not None and len(decision.territories) > MAX_TERRITORIES) or any(
        GROUP_CLASS in article.html for article in articles)
