"""Entry point for Parliament files: what a file is, from its content, and its records.

The choice is made on the bytes, never on the name: a JSON object with a ``question`` is an
Assemblée question, with a ``dossierParlementaire`` an Assemblée dossier (the ``document``
objects shipped beside the dossiers are known and left out; a folder's other JSON files, whose
first key is none of these, are of a format no reader knows: ``is_parlement_json``); an XML
``QUESTION`` root is an older Assemblée question; an HTML page is a Sénat dossier, a Sénat
list of questions or an older Assemblée dossier; a plain PostgreSQL dump is the Sénat
questions base (read as a stream by :mod:`vigie.parsing.senat_questions`, not here). Titles
written in capitals are put in sentence case with the file's evidence (``cased``).
"""

from __future__ import annotations

import json
import re
from dataclasses import replace

from vigie.parsing.an_dossiers import parse_an_dossier_json, parse_an_dossier_page
from vigie.parsing.an_questions import question_from_json
from vigie.parsing.an_questions_xml import parse_an_question_xml
from vigie.parsing.json_errors import json_reason
from vigie.parsing.json_reading import load
from vigie.parsing.model import TOO_DEEP, ParseError
from vigie.parsing.parlement_model import ParlementRecord, ParsedDossier, ParsedQuestion
from vigie.parsing.parlement_values import decode_page, parse_page
from vigie.parsing.senat_pages import (
    is_senat_dossier,
    is_senat_question_list,
    parse_senat_dossier,
    parse_senat_question_list,
)
from vigie.parsing.senat_questions import PG_CUSTOM_MAGIC, is_senat_dump
from vigie.parsing.xmltools import parse_xml
from vigie.reference.capitals import Evidence, in_capitals, sentence_case, title_evidence
from vigie.reference.markup import PARLEMENT_XML_ROOTS, root_name

JSON, XML, HTML, DUMP, OTHER = "json", "xml", "html", "dump", ""
# Top-level JSON keys of the Assemblée's archives that hold nothing Vigie takes.
KNOWN_ELSEWHERE = ("document", "acteur", "organe", "scrutin", "reunion", "amendement")
# The first key of a JSON file of the Assemblée: what it holds.
PARLEMENT_KEYS = frozenset({"question", "dossierParlementaire", *KNOWN_ELSEWHERE})
_FIRST_KEY = re.compile(rb'\s*\{\s*"((?:[^"\\]|\\.){1,200})"\s*:')


def sniff(head: bytes) -> str:
    """The family of a file from its first bytes: JSON, XML, HTML, DUMP, or OTHER."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"{"):
        return JSON
    if start.startswith(PG_CUSTOM_MAGIC) or is_senat_dump(head):
        return DUMP
    if not start.startswith(b"<"):
        return OTHER
    if re.match(rb"<!doctype\s+html", start, re.IGNORECASE):
        return HTML
    return HTML if root_name(start).lower() == "html" else XML


def is_parlement_json(head: bytes) -> bool:
    """A JSON file of the Assemblée's, from its first bytes: its first key is one its
    archives use (``{"question": …}``, ``{"dossierParlementaire": …}``, ``{"document": …}``…).
    Any other JSON (another source's, an empty object) is a format Vigie does not read."""
    found = _FIRST_KEY.match(head.removeprefix(b"\xef\xbb\xbf"))
    return found is not None and found.group(1).decode("utf-8", "replace") in PARLEMENT_KEYS


def is_parlement_xml(head: bytes) -> bool:
    """An XML file whose root element is ``QUESTION`` (older Assemblée questions)."""
    return root_name(head) in PARLEMENT_XML_ROOTS


def parse_parlement_member(name: str, data: bytes) -> list[ParlementRecord]:
    """The records of one file (none for a file known to hold nothing Vigie takes).

    Raises :class:`ParseError` (French message naming ``name``) for anything unreadable.
    """
    try:
        return cased(_records(name, data))
    except RecursionError as error:  # JSON or HTML nested deeper than Python's stack allows
        raise ParseError(f"{name} : {TOO_DEEP}") from error


def _records(name: str, data: bytes) -> list[ParlementRecord]:
    family = sniff(data[:65536])
    if not data.strip():
        raise ParseError(f"{name} : fichier vide")
    if family == JSON:
        return _json_records(name, data)
    if family == XML:
        root = parse_xml(name, data)
        if root.tag != "QUESTION":
            raise ParseError(f"{name} : élément racine « {root.tag} » inconnu pour une source "
                             "parlementaire (attendu : QUESTION)")
        return [parse_an_question_xml(root, name)]
    if family == HTML:
        return _page_records(name, data)
    if family == DUMP:
        raise ParseError(f"{name} : dump SQL du Sénat à lire en flux, pas comme un fichier")
    raise ParseError(f"{name} : format non reconnu (ni JSON, ni XML, ni page HTML, "
                     "ni dump SQL du Sénat)")


def _json_records(name: str, data: bytes) -> list[ParlementRecord]:
    try:
        payload = load(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ParseError(f"{name} : fichier JSON qui n'est pas en UTF-8 "
                         f"({json_reason(error)})") from None
    except json.JSONDecodeError as error:
        raise ParseError(f"{name} : JSON mal formé ({json_reason(error)})") from None
    if not isinstance(payload, dict):
        raise ParseError(f"{name} : JSON inattendu (un objet était attendu)")
    if isinstance(payload.get("question"), dict):
        return [question_from_json(name, payload["question"])]
    if isinstance(payload.get("dossierParlementaire"), dict):
        return [parse_an_dossier_json(name, payload["dossierParlementaire"])]
    if any(key in payload for key in KNOWN_ELSEWHERE):
        return []
    keys = ", ".join(list(payload)[:5]) or "aucune"
    raise ParseError(f"{name} : format JSON non reconnu, ni une question ni un dossier de "
                     f"l'Assemblée nationale (clés : {keys})")


def _page_records(name: str, data: bytes) -> list[ParlementRecord]:
    page = decode_page(data)
    root = parse_page(data)
    if is_senat_dossier(root):
        return [parse_senat_dossier(root, name, page)]
    if is_senat_question_list(root):
        return list(parse_senat_question_list(root, name))
    if "assemblee-nationale.fr" in page or "/dossiers/" in page:
        return [parse_an_dossier_page(name, page)]
    raise ParseError(f"{name} : page HTML qui n'est ni un dossier législatif ni une liste de "
                     "questions du Sénat ou de l'Assemblée nationale")


def cased(records: list[ParlementRecord]) -> list[ParlementRecord]:
    """The records with their titles written in capitals in sentence case, names kept on the
    evidence of the file's other titles (``reference.capitals``)."""
    titles = [t for record in records for t in _titles(record)]
    if not any(in_capitals(t) for t in titles):
        return records
    evidence = title_evidence(titles)
    return [_recased(record, evidence) for record in records]


def _titles(record: ParlementRecord) -> tuple[str, ...]:
    if isinstance(record, ParsedQuestion):
        return (record.title, record.heading, *record.keywords)
    if isinstance(record, ParsedDossier):
        return (record.title, record.long_title)
    return ()


def _recased(record: ParlementRecord, evidence: Evidence) -> ParlementRecord:
    if isinstance(record, ParsedQuestion):
        return replace(record, title=sentence_case(record.title, evidence),
                       heading=sentence_case(record.heading, evidence),
                       keywords=tuple(sentence_case(k, evidence) for k in record.keywords))
    if isinstance(record, ParsedDossier):
        return replace(record, title=sentence_case(record.title, evidence),
                       long_title=sentence_case(record.long_title, evidence))
    return record
