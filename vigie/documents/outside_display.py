"""A news item, a BOAMP notice, an aid scheme, a contract, a court decision, an act of EU
law or a circulaire for people: what its source says of it, in readers' words. The page of
such an item shows these facts (``web.views.outside``), and ``vigie show`` prints them with
the summary and where the item was published (``render_outside``)."""

from __future__ import annotations

from datetime import date

from vigie.documents.models import Document
from vigie.reference.courts import appeal_ressort
from vigie.reference.eu_law import FRENCH, language, language_name
from vigie.reference.french import euros, french_date
from vigie.reference.places import departement_label
from vigie.reference.taxonomy import RUBRICS

KINDS = {"article": "Article", "notice": "Avis de marché public", "aid": "Aide",
         "contract": "Marché attribué", "decision": "Décision de justice",
         "act": "Acte de l'Union européenne", "circulaire": "Circulaire"}


def _day(value: str | None) -> str:
    return french_date(date.fromisoformat(value)) if value else ""


def facts(doc: Document) -> list[tuple[str, str]]:
    """What the source says of the item, in readers' words."""
    d = doc.details or {}
    places = ", ".join(departement_label(code) for code in d.get("departements") or ())
    if d.get("kind") == "decision":
        return decision_facts(doc, places)
    if d.get("kind") == "act":
        return act_facts(doc)
    if d.get("kind") == "circulaire":
        return circulaire_facts(doc)
    if d.get("kind") == "contract":
        return contract_facts(doc, places)
    rows = [
        ("Rubrique Vigie", RUBRICS.get(doc.rubric, doc.rubric)),
        ("Source", d.get("source") or doc.ministry),
        (_dated_as(d), french_date(doc.date_publi) if doc.date_publi else ""),
        ("Acheteur", d.get("buyer", "")), ("Nature", doc.nature if d.get("idweb") else ""),
        ("Procédure", d.get("procedure", "")), ("Référence BOAMP", d.get("idweb", "")),
        ("Titulaire(s)", ", ".join(d.get("winners") or ())),
        ("Descripteurs", ", ".join(d.get("descriptors") or ())),
        ("Type d'aide", ", ".join(d.get("aid_types") or ())),
        ("Récurrence", d.get("recurrence") or ""),
        ("Appel à projets", "oui" if d.get("call_for_project") else ""),
        ("Date limite", _day(d.get("deadline"))),
        ("Public visé", ", ".join(d.get("audiences") or ())),
        ("Territoire", places or d.get("perimeter", "")),
        ("Auteur", d.get("author", "")), ("Licence", d.get("licence", "")),
    ]
    return [(label, value) for label, value in rows if value]


def seen_only(details: dict) -> bool:
    """An aid its provider gave no date: its ``date_publi`` is the day Vigie first saw it,
    not a publication (aids stored before the date was kept say nothing, as before)."""
    return details.get("kind") == "aid" and "published" in details and not details["published"]


def _dated_as(details: dict) -> str:
    return "Relevé par Vigie le" if seen_only(details) else "Publié le"


def decision_facts(doc: Document, places: str) -> list[tuple[str, str]]:
    """What Judilibre says of a court decision: court, chamber, date, number, ECLI as
    written, solution, publication, its themes, the département of a tribunal's seat or the
    ressort of a cour d'appel."""
    d = doc.details or {}
    ressort = appeal_ressort(d.get("court", ""))
    rows = [
        ("Rubrique Vigie", RUBRICS.get(doc.rubric, doc.rubric)), ("Source", d.get("source", "")),
        ("Juridiction", d.get("court", "")), ("Chambre", d.get("chamber", "")),
        ("Formation", d.get("formation", "")),
        ("Date de la décision", _day(d.get("decided"))),
        ("Numéro", d.get("number", "")), ("ECLI", d.get("ecli", "")),
        ("Nature", doc.nature), ("Solution", d.get("solution", "")),
        ("Publication", ", ".join(d.get("publication") or ())),
        ("Décision attaquée", d.get("contested", "")),
        ("Matières", ", ".join(d.get("themes") or ())),
        ("Département", "" if ressort else places),
        ("Ressort", ", ".join(departement_label(code) for code in ressort)),
        ("Licence", d.get("licence", "")),
    ]
    return [(label, value) for label, value in rows if value]


def contract_facts(doc: Document, places: str) -> list[tuple[str, str]]:
    """What a DECP record says of an awarded contract: its nature, buyer (and SIRET),
    procedure, amount, holders, the day it was notified (or a concession signed) — said
    missing when the record gives none, as a third of the real files do —, the day its data
    were published when another, its duration, place of execution and CPV code."""
    d = doc.details or {}
    concession = "concession" in (d.get("contract_kind") or "").lower()
    buyer = "Autorité concédante" if concession else "Acheteur"
    notified = d.get("notified")
    published = doc.date_publi.isoformat() if doc.date_publi else ""
    rows = [
        ("Rubrique Vigie", RUBRICS.get(doc.rubric, doc.rubric)), ("Source", d.get("source", "")),
        ("Nature", doc.nature or d.get("contract_kind", "")),
        (buyer, d.get("buyer", "")), (f"SIRET ({buyer.lower()})", d.get("buyer_id", "")),
        ("Procédure", d.get("procedure", "")),
        ("Valeur globale" if concession else "Montant",
         f"{euros(d['amount'])} HT" if d.get("amount") else ""),
        ("Concessionnaire(s)" if concession else "Titulaire(s)",
         ", ".join(d.get("winners") or ())),
        ("Date de signature" if concession else "Date de notification",
         _day(notified) or "non donnée par la source"),
        # date_publi is the data's publication, or the notification when the record gave none.
        ("Données publiées le", _day(published) if published != (notified or "") else ""),
        ("Durée", f"{d['months']} mois" if d.get("months") else ""),
        ("Lieu d'exécution", d.get("place", "")), ("Code CPV", d.get("cpv", "")),
        ("Territoire", places), ("Licence", d.get("licence", "")),
    ]
    return [(label, value) for label, value in rows if value]


def act_facts(doc: Document) -> list[tuple[str, str]]:
    """What the Publications Office says of an act of EU law: its kind, CELEX number and ELI
    as published, its publication in the Journal, its dates, the procedure, the titles it
    gave in other languages when it gave none in French, how it classifies the act (in which
    language, when not French)."""
    d = doc.details or {}
    titles = [(lang, title) for lang, title in d.get("titles") or () if lang != FRENCH]
    in_force = {True: "oui", False: "non"}.get(d.get("in_force"), "")
    # The Office labels its classification in the notice's language: said when not French.
    labels = language(d.get("labels_language") or "")
    said = f" ({language_name(labels)})" if labels and labels != FRENCH else ""
    rows = [
        ("Rubrique Vigie", RUBRICS.get(doc.rubric, doc.rubric)), ("Source", d.get("source", "")),
        ("Acte", d.get("name", "")), ("Type d'acte", d.get("act_kind", "")),
        ("Numéro CELEX", d.get("celex", "")), ("ELI", d.get("eli", "")),
        ("Journal officiel de l'UE", d.get("journal", "")),
        ("Date de l'acte", _day(d.get("document_date"))),
        ("Publié le", _day(d.get("published"))),
        ("Entrée en vigueur", _day(d.get("in_force_from"))), ("En vigueur", in_force),
        ("Procédure", d.get("procedure", "")),
        *((f"Intitulé publié ({language_name(lang)})", title)
          for lang, title in ([] if d.get("title_fr") else titles)),
        (f"Thésaurus EuroVoc{said}", ", ".join(d.get("concepts") or ())),
        (f"Répertoire de la législation{said}", ", ".join(d.get("directory") or ())),
        (f"Matières{said}", ", ".join(d.get("subjects") or ())), ("Licence", d.get("licence", "")),
    ]
    return [(label, value) for label, value in rows if value]


def circulaire_facts(doc: Document) -> list[tuple[str, str]]:
    """What the DILA's fund says of a circulaire: its state (« abrogée » said first, where a
    reader looks; by the fund's list of abrogations when its export said in force), author,
    NOR, date of signature, the PDF of its text (a name: no address
    of it could be checked), the texts it refers to."""
    d = doc.details or {}
    rows = [
        ("État", "en vigueur" if not d.get("abrogated") else "abrogée" + (
            " (liste des circulaires abrogées de la DILA)" if d.get("listed") else "")),
        ("Rubrique Vigie", RUBRICS.get(doc.rubric, doc.rubric)), ("Source", d.get("source", "")),
        ("Auteur", d.get("author", "")), ("Numéro NOR", d.get("nor", "")),
        ("Date de signature", _day(d.get("signed"))),
        ("Identifiant", d.get("id", "")), ("Texte (PDF)", d.get("pdf", "")),
        ("Textes de référence", " ; ".join(d.get("references") or ())),
        ("Licence", d.get("licence", "")),
    ]
    return [(label, value) for label, value in rows if value]


def render_outside(doc: Document) -> str:
    """What ``vigie show`` prints for an item of the other rubrics: its kind and facts, its
    summary (the full text only when the source's licence allows it), where it was published
    and the feed it came from."""
    d = doc.details or {}
    title = doc.title or doc.uid
    lines = [title, "=" * min(len(title), 100), f"Identifiant : {doc.uid}",
             f"Type : {KINDS.get(d.get('kind', ''), 'Élément')}"]
    lines += [f"{label} : {value}" for label, value in facts(doc)]
    if d.get("summary"):
        lines += ["", "Résumé", d["summary"]]
    if d.get("full_text") and d.get("full_text_allowed"):
        lines += ["", "Texte", d["full_text"]]
    lines += ["", "Sources"]
    if d.get("url"):
        lines.append(f"  Page d'origine : {d['url']}")
    if d.get("feed"):
        lines.append(f"  Relevé dans : {d['feed']}")
    return "\n".join(lines)
