"""BOAMP notices (public procurement, DILA open data) as plain records.

Two shapes carry the same notice: the DILA XML ``ANNONCE`` (``GESTION``: reference, kind,
indexation; ``DONNEES``: the buyer, the object, the procedure, the award) and a record of the
BOAMP API (``idweb``, ``objet``, ``nomacheteur``, ``code_departement``, ``dateparution``,
``datelimitereponse``…; ``gestion`` and ``donnees`` as JSON strings). Both give a
``Notice``: what a reader needs — object, buyer, procedure, deadline — and the
département(s) of publication, which decide the editions. Pure: bytes in, records out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from lxml import etree

from vigie.parsing.json_errors import json_reason
from vigie.parsing.json_reading import load
from vigie.parsing.model import TOO_DEEP

BOAMP_URL = "https://www.boamp.fr/pages/avis/?q=idweb:{idweb}"
AWARD, CALL = "attribution", "avis"
# What the notice is (``TYPE_AVIS/NATURE``), for readers.
NATURES = {
    "APPEL_OFFRE": "Avis de marché", "ATTRIBUTION": "Avis d'attribution",
    "RECTIFICATIF": "Rectificatif", "ANNULATION": "Annulation", "PRE_INFORMATION":
    "Avis de pré-information", "CONCESSION": "Concession", "PERIODIQUE": "Avis périodique",
}
PROCEDURES = {
    "OUVERT": "Procédure ouverte", "RESTREINT": "Procédure restreinte",
    "PROCEDURE_ADAPTE": "Procédure adaptée", "ADAPTE": "Procédure adaptée",
    "NEGOCIE": "Procédure négociée", "DIALOGUE_COMPETITIF": "Dialogue compétitif",
    "CONCOURS": "Concours",
}


class NoticeError(ValueError):
    """A notice that cannot be read; ``str(error)`` is a French message."""


@dataclass(frozen=True)
class Notice:
    """One BOAMP notice."""

    idweb: str  # « 26-81510 »
    kind: str  # CALL (call for tenders and its corrections) or AWARD
    nature: str  # « Avis de marché », « Avis d'attribution »…
    title: str  # the object of the contract
    buyer: str
    procedure: str  # « Procédure ouverte »… ("" when not said)
    published: date | None
    deadline: date | None  # date limite de réception des offres
    departements: tuple[str, ...]  # départements of publication (INSEE codes)
    descriptors: tuple[str, ...] = ()  # « Nettoyage de locaux »
    winners: tuple[str, ...] = ()  # award: the contractors
    url: str = ""

    @property
    def uid(self) -> str:
        return f"BOAMP{self.idweb}"


def _day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _text(node: etree._Element | None, path: str) -> str:
    found = node.find(path) if node is not None else None
    return " ".join("".join(found.itertext()).split()) if found is not None else ""


def _child_tag(node: etree._Element | None, path: str) -> str:
    found = node.find(path) if node is not None else None
    children = [c for c in found if isinstance(c.tag, str)] if found is not None else []
    return children[0].tag if children else ""


def _code(value: str) -> str:
    code = value.strip().upper()
    return "0" + code if len(code) == 1 and code.isdigit() else code


def notice_from_xml(data: bytes) -> Notice:
    """A DILA ``ANNONCE`` → ``Notice``; raises ``NoticeError`` (French) when unreadable or
    when the reference, the object or the département is missing."""
    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise NoticeError(f"avis BOAMP illisible (XML mal formé : {error})") from None
    if root.tag != "ANNONCE":
        raise NoticeError(f"avis BOAMP attendu (élément ANNONCE), trouvé « {root.tag} »")
    gestion, donnees = root.find("GESTION"), root.find("DONNEES")
    idweb = _text(gestion, "REFERENCE/IDWEB")
    nature = _child_tag(gestion, "REFERENCE/TYPE_AVIS/NATURE")
    title = (_text(donnees, "OBJET/TITRE_MARCHE") or _text(gestion, "INDEXATION/RESUME_OBJET")
             or _text(donnees, "OBJET/OBJET_COMPLET"))
    deps = tuple(_code(d.text or "") for d in root.iterfind("GESTION/INDEXATION/DEP_PUBLICATION")
                 if (d.text or "").strip())
    notice = Notice(
        idweb=idweb, kind=AWARD if nature == "ATTRIBUTION" else CALL,
        nature=NATURES.get(nature, nature.replace("_", " ").capitalize()), title=title,
        buyer=_text(donnees, "IDENTITE/DENOMINATION"),
        procedure=PROCEDURES.get(_child_tag(donnees, "PROCEDURE/TYPE_PROCEDURE"), ""),
        published=_day(_text(gestion, "INDEXATION/DATE_PUBLICATION")),
        deadline=_day(_text(donnees, "CONDITION_DELAI/RECEPT_OFFRES")
                      or _text(root, ".//RECEPT_OFFRES")),
        departements=deps,
        descriptors=tuple(_text(d, "LIBELLE") for d in
                          root.iterfind("GESTION/INDEXATION/DESCRIPTEURS/DESCRIPTEUR")),
        winners=tuple(_text(t, "DENOMINATION") for t in root.iterfind(".//TITULAIRE")),
        url=BOAMP_URL.format(idweb=idweb) if idweb else "",
    )
    return _checked(notice)


def _checked(notice: Notice) -> Notice:
    missing = [label for label, value in (("référence IDWEB", notice.idweb),
                                          ("objet", notice.title),
                                          ("département de publication", notice.departements))
               if not value]
    if missing:
        which = notice.idweb or "sans référence"
        raise NoticeError(f"avis BOAMP {which} : champ manquant ({', '.join(missing)})")
    return notice


def _strings(value: Any) -> tuple[str, ...]:
    if value in (None, ""):
        return ()
    items = value if isinstance(value, list) else [value]
    return tuple(str(v).strip() for v in items if str(v).strip())


def notice_from_record(record: dict[str, Any]) -> Notice:
    """A BOAMP API record → ``Notice``; raises ``NoticeError`` like ``notice_from_xml``."""
    idweb = str(record.get("idweb") or "").strip()
    nature = str(record.get("nature") or "")
    procedure = str(record.get("type_procedure") or "")
    notice = Notice(
        idweb=idweb, kind=AWARD if nature == "ATTRIBUTION" else CALL,
        nature=str(record.get("nature_libelle") or NATURES.get(nature, nature)),
        title=" ".join(str(record.get("objet") or "").split()),
        buyer=str(record.get("nomacheteur") or "").strip(),
        procedure=str(record.get("procedure_libelle") or PROCEDURES.get(procedure, "")),
        published=_day(record.get("dateparution")),
        deadline=_day(record.get("datelimitereponse")),
        departements=tuple(_code(c) for c in _strings(record.get("code_departement"))),
        descriptors=_strings(record.get("descripteur_libelle")),
        winners=_strings(record.get("titulaire")),
        url=str(record.get("url_avis") or (BOAMP_URL.format(idweb=idweb) if idweb else "")),
    )
    return _checked(notice)


def records_in(data: bytes) -> list[dict[str, Any]]:
    """The records of an API answer: ``{"results": […]}`` (explore API v2.1), a list, or a
    mapping of named records (a capture); raises ``NoticeError`` when it is not JSON."""
    try:
        payload = load(data)
    except (ValueError, UnicodeDecodeError) as error:
        raise NoticeError(f"réponse de l'API BOAMP illisible (JSON invalide, "
                          f"{json_reason(error)})") from None
    except RecursionError:  # « [[[[… » nested deeper than Python's stack allows
        raise NoticeError(f"réponse de l'API BOAMP illisible ({TOO_DEEP})") from None
    if isinstance(payload, dict) and isinstance(payload.get("results"), list):
        payload = payload["results"]
    elif isinstance(payload, dict):
        payload = [v for v in payload.values() if isinstance(v, dict)]
    if not isinstance(payload, list):
        raise NoticeError("réponse de l'API BOAMP inattendue (liste d'avis attendue)")
    return [r for r in payload if isinstance(r, dict) and ("idweb" in r or "objet" in r)]


def is_boamp(data: bytes) -> bool:
    """Whether these bytes look like BOAMP notices (XML ``ANNONCE`` or API records)."""
    head = data[:4000]
    return b"<ANNONCE" in head or b'"idweb"' in head
