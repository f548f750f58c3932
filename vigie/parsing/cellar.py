"""Acts of EU law as the Publications Office describes them: Cellar notices and the answers of
EUR-Lex's web service, read into ``EuAct`` records.

Three shapes are read, told by their root (namespaces dropped first):

- a Cellar **object** notice (``NOTICE type="object"``): one ``WORK`` (the act: identifiers,
  dates, classification) or one ``EXPRESSION`` (the act in one language: its title);
- a Cellar **tree** notice (``NOTICE type="tree"``): a procedure's ``DOSSIER`` and its events,
  each event's works embedded (``EMBEDDED_NOTICE``: ``WORK``, ``EXPRESSION``,
  ``MANIFESTATION``), the same work often twice (an event and its inverse);
- an answer of EUR-Lex's web service (``searchResults``, alone or in its SOAP envelope), one
  ``NOTICE`` per result.

An act is a ``WORK`` that no other ``WORK`` holds (those inside describe a consolidated
version or the Journal's issue), or the ``EXPRESSION`` of an expression notice. It is keyed by
its CELEX number: only acts of sector 3 (legislation) are kept; preparatory acts, opinions,
works without CELEX number are counted, not kept. The same act given twice in a file is read
once, what each copy says put together (``eu_act.merged``).

Titles: an expression says its language (``EXPRESSION_USES_LANGUAGE``, ``LANG``, the
« .FRA » of its CELEX, else the notice's ``decoding``); every title is kept with its language.
The French one is the act's title; when the notice has no French expression, the act keeps
its titles in their languages and is named in French by its kind and number
(``parsing.celex.designation``), never by a title said to be French that is not.

Classification (what the selection reads): the EuroVoc concepts (not their domains and
micro-thesauri, labelled with their codes: « 52 ENVIRONMENT »), the headings of the directory
of legislation, the subject matters; in the language of the notice's labels.

Hardened like the other readers: no network, no entity expanded (``xmltools.parse_xml``),
walked without recursion, titles and label lists cut (``TITLE_LIMIT``, ``LABELS_LIMIT``); the
file's size is capped where it is read. A value that cannot be read (a CELEX number, an ELI,
a date) is said in a French problem line, and the rest goes on. Pure: bytes in, records out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from lxml import etree

from vigie.parsing.celex import Celex, Journal, read_celex, read_eli, read_journal
from vigie.parsing.eu_act import LABELS_LIMIT, EuAct, Reading, merged
from vigie.parsing.feed import plain_text
from vigie.parsing.model import ParseError
from vigie.parsing.xmltools import parse_xml, to_int
from vigie.reference.eu_law import language, sector_label

TITLE_LIMIT = 2000  # characters of a title kept
HEAD = 4096  # what ``is_eu_notice`` needs of a file
_NOTICE = re.compile(rb"<NOTICE\b[^>]*\b(?:decoding|type)\s*=")
_SEARCH = re.compile(rb"<(?:[\w-]+:)?searchResults\b[^>]*eur-lex\.europa\.eu/search")
_SHAPES = {"object": "notice Cellar (objet)", "tree": "notice Cellar (arbre)",
           "branch": "notice Cellar (branche)"}


class CellarError(ValueError):
    """A file that holds no notice to read; ``str(error)`` is a French message."""


def is_eu_notice(head: bytes) -> bool:
    """Whether the start of a file is a Cellar notice or an answer of EUR-Lex's web service
    (its root, after the XML declaration and comments, within ``HEAD`` bytes)."""
    head = head[:HEAD].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<") and bool(_NOTICE.search(head) or _SEARCH.search(head))


def read_cellar(data: bytes) -> Reading:
    """The acts of a notice or an answer; raises ``CellarError`` when the file itself cannot
    be read (not XML, another root, a SOAP fault, a notice with no work)."""
    try:
        root = parse_xml("notice Cellar", data)
    except ParseError as error:
        raise CellarError(str(error)) from None
    for element in root.iter():  # EUR-Lex's answers are namespaced, Cellar's are not
        if isinstance(element.tag, str) and element.tag.startswith("{"):
            element.tag = etree.QName(element).localname
    notice, reading, labels = _top(root)
    works = [w for w in notice.iter("WORK") if not any(a.tag == "WORK"
                                                        for a in w.iterancestors())]
    expressions = [] if works else [e for e in notice if e.tag == "EXPRESSION"]
    if notice.tag == "NOTICE" and not works and not expressions:
        raise CellarError("notice Cellar sans œuvre (WORK) ni expression (EXPRESSION) à lire")
    procedure = _value(notice.find("DOSSIER/PROCEDURE_CODE_INTERINSTITUTIONAL_REFERENCE_"
                                   "PROCEDURE"))
    found: dict[str, EuAct] = {}
    for unit in works + expressions:
        act = _read_unit(unit, reading, labels)
        if act is not None:
            act = replace(act, procedure=procedure) if procedure else act
            found[act.celex] = merged(found[act.celex], act) if act.celex in found else act
    reading.acts = list(found.values())
    return reading


def _top(root: etree._Element) -> tuple[etree._Element, Reading, str]:
    """The element holding the works, how the file is named, the language of its labels."""
    if root.tag == "Envelope":
        fault = next(root.iter("Fault"), None)
        if fault is not None:
            said = " ".join("".join(fault.itertext()).split())[:300]
            raise CellarError(f"réponse du web-service EUR-Lex en erreur (SOAP) : {said}")
        root = next(root.iter("searchResults"), root)
    if root.tag == "searchResults":
        return root, Reading("réponse du web-service EUR-Lex"), language(
            root.findtext("language") or "")
    if root.tag != "NOTICE":
        raise CellarError(f"ni notice Cellar ni réponse du web-service EUR-Lex (élément racine "
                          f"« {root.tag} »)")
    shape = _SHAPES.get(root.get("type", ""), "notice Cellar")
    return root, Reading(shape), language(root.get("decoding", ""))


def _read_unit(unit: etree._Element, reading: Reading, labels: str) -> EuAct | None:
    """One act from a top ``WORK`` (or an expression notice's ``EXPRESSION``); None when it
    is not one the rubric keeps (said in ``reading``)."""
    container = unit.getparent()
    if unit.tag == "EXPRESSION":
        holders = [h for h in unit if h.tag == "EXPRESSION_BELONGS_TO_WORK"]
    else:  # in a tree notice, the work's identifiers sit beside its embedded notice
        embedded = container is not None and container.tag == "EMBEDDED_NOTICE"
        holders = [unit] + ([container.getparent()] if embedded else [])
    ids = _identifiers(holders)
    celex = _celex(unit, ids, reading)
    if celex is None:
        return None
    said = f"acte {celex.number}"
    if not celex.known_kind:
        reading.say(f"{said} : type d'acte « {celex.kind} » inconnu du CELEX, présenté comme "
                    "« Acte »")
    expressions = ([unit] if unit.tag == "EXPRESSION" else
                   [e for e in container if e.tag == "EXPRESSION"] if container is not None
                   else [])
    act = EuAct(celex=celex.number, eli=_eli(unit, ids, reading, said),
                titles=_titles(expressions, labels), labels_language=labels)
    return act if unit.tag == "EXPRESSION" else _work_facts(act, unit, ids, reading, said)


def _work_facts(act: EuAct, work: etree._Element, ids: dict[str, list[str]], reading: Reading,
                said: str) -> EuAct:
    """What a ``WORK`` says of the act: publication, dates, kind, classification."""
    own = list(_own(work))
    where = work.getparent() if work.getparent() is not None else work
    journal = _journal(work, ids)
    dates = [e for e in work if e.tag == "DATE" and e.get("type") == "date"]
    return replace(
        act, oj=next((i.removeprefix("oj:") for i in ids.get("oj", ()) if "." not in i), ""),
        series=journal.series if journal else "", issue=journal.issue if journal else "",
        first_page=to_int(_value(next(where.iter("MANIFESTATION_OFFICIAL-JOURNAL_PART_PAGE_"
                                                 "FIRST"), None))),
        last_page=to_int(_value(next(where.iter("MANIFESTATION_OFFICIAL-JOURNAL_PART_PAGE_"
                                                "LAST"), None))),
        resource_type=_code(_first(own, "WORK_HAS_RESOURCE-TYPE")),
        # The new object format gives a work's dates as unnamed ``DATE``s: the act's own is
        # the earliest, every other (publication, entry into force, end) coming after it.
        document_date=_day(_first(own, "WORK_DATE_DOCUMENT"), reading, said) or min(
            (d for d in (_day(e, reading, said) for e in dates) if d), default=None),
        published=(_day(next(work.iter("DATE_PUBLICATION"), None), reading, said)
                   or _published_event(work, reading, said)),
        in_force_from=_day(_first(own, "RESOURCE_LEGAL_DATE_ENTRY-INTO-FORCE"), reading, said),
        in_force={"true": True, "false": False}.get(
            _value(_first(own, "RESOURCE_LEGAL_IN-FORCE")).lower()),
        concepts=_labels(own, ("WORK_IS_ABOUT_CONCEPT_EUROVOC", "IS_ABOUT")),
        directory=_labels(own, ("RESOURCE_LEGAL_IS_ABOUT_CONCEPT_DIRECTORY-CODE",)),
        subjects=_labels(own, ("RESOURCE_LEGAL_IS_ABOUT_SUBJECT-MATTER",)))


def _own(work: etree._Element) -> Iterator[etree._Element]:
    """The elements of a work in document order, not those of the works it holds (a
    consolidated version, the Journal's issue); without recursion."""
    stack = [iter(work)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
        elif isinstance(element.tag, str):
            yield element
            if element.tag != "WORK":
                stack.append(iter(element))


def _first(elements: list[etree._Element], tag: str) -> etree._Element | None:
    return next((e for e in elements if e.tag == tag), None)


def _value(element: etree._Element | None) -> str:
    """The text of an element's ``VALUE`` (or of the element itself), tags and entities
    dropped: « <em>32014R1337</em> » (a search's highlight) → « 32014R1337 »."""
    if element is None:
        return ""
    found = element.find("VALUE")
    text = _inline_text(found if found is not None else element)
    return plain_text(text, TITLE_LIMIT) if "<" in text or "&" in text else " ".join(
        text.split())[:TITLE_LIMIT]


def _inline_text(element: etree._Element) -> str:
    """An element's text with that of its inline markup (« Directive <i>x</i> on … »: only
    « Directive » was read); the Office's own elements (upper case: ``LANG``, ``YEAR``…) are
    facts of their own, left out. ``itertext`` walks the markup without recursion."""
    parts = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and not child.tag.isupper():
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _code(element: etree._Element | None) -> str:
    """The code of a concept: its ``OP-CODE`` or ``IDENTIFIER`` (« DIR », « ENG »)."""
    if element is None:
        return ""
    for path in ("OP-CODE", "IDENTIFIER", "URI/IDENTIFIER"):
        text = (element.findtext(path) or "").strip()
        if text:
            return text
    return _value(element)


def _identifiers(holders: list[etree._Element]) -> dict[str, list[str]]:
    """Type (« celex », « eli », « oj ») → identifiers, from the ``URI`` and ``SAMEAS`` of
    ``holders`` and from the new object format's ``IDENTIFIER type="data"`` values."""
    found: dict[str, list[str]] = {}
    for holder in holders:
        for child in holder:
            uris = [child] if child.tag == "URI" else [u for u in child if u.tag == "URI"] if (
                child.tag == "SAMEAS") else []
            for uri in uris:
                kind = (uri.findtext("TYPE") or "").strip().lower()
                ident = (uri.findtext("IDENTIFIER") or uri.findtext("VALUE") or "").strip()
                found.setdefault(kind, []).append(ident)
            if child.tag == "IDENTIFIER" and child.get("type") == "data":
                value = _value(child)
                kind = ("celex" if read_celex(value) else "oj" if value.startswith("oj:")
                        else "eli" if "/eli/" in value else "")
                found.setdefault(kind, []).append(value)
    return found


def _celex(unit: etree._Element, ids: dict[str, list[str]], reading: Reading) -> Celex | None:
    """The act's CELEX number, if it is one the rubric keeps (else why, in ``reading``)."""
    named = [_value(e) for e in _own(unit) if e.tag in ("ID_CELEX", "RESOURCE_LEGAL_ID_CELEX")]
    candidates = [c for c in named + ids.get("celex", []) if c and "." not in c]
    celex = next((c for c in map(read_celex, candidates) if c), None)
    if celex is None:
        if candidates:
            reading.say(f"numéro CELEX « {candidates[0][:40]} » mal formé : œuvre laissée de "
                        "côté")
        else:
            cellar = ids.get("cellar") or [str(len(reading.without_celex))]
            reading.without_celex.add(cellar[0])
        return None
    if not celex.legislation:
        reading.passed.setdefault(sector_label(celex.sector), set()).add(celex.number)
        return None
    return celex


def _eli(unit: etree._Element, ids: dict[str, list[str]], reading: Reading, said: str) -> str:
    """The act's ELI as published; a value that is no ELI is said and left out."""
    given = ids.get("eli", []) + [_value(e) for e in _own(unit) if e.tag == "RESOURCE_LEGAL_ELI"]
    for value in given:
        eli = read_eli(value)
        if eli:
            return eli
        reading.say(f"{said} : ELI « {value[:80]} » illisible, laissé de côté")
    return ""


def _journal(work: etree._Element, ids: dict[str, list[str]]) -> Journal | None:
    """The Journal's series and issue: from the publication's name (« JOL_2019_155_R_0001 »)
    or from the fields of EUR-Lex's answers (``OFFICIAL-JOURNAL_*``)."""
    for oj in ids.get("oj", []):
        journal = read_journal(oj)
        if journal:
            return journal
    collection = _code(next(work.iter("OFFICIAL-JOURNAL_PART_OF_COLLECTION_DOCUMENT"), None))
    if collection.upper().startswith("OJ-"):
        number = to_int(_value(next(work.iter("OFFICIAL-JOURNAL_NUMBER"), None)))
        return Journal(collection[3:4].upper(), str(number) if number else "")
    return None


def _day(element: etree._Element | None, reading: Reading, said: str) -> date | None:
    """A date element (``VALUE``, else ``YEAR``/``MONTH``/``DAY``); one that cannot be read is
    said and left out."""
    if element is None:
        return None
    text = _value(element)[:10] or "-".join(
        (element.findtext(p) or "").strip() for p in ("YEAR", "MONTH", "DAY"))
    try:
        return date.fromisoformat(text)
    except ValueError:
        reading.say(f"{said} : date « {text[:30]} » illisible ({element.tag}), laissée de côté")
        return None


def _published_event(work: etree._Element, reading: Reading, said: str) -> date | None:
    """In a tree notice, the day of the event « publication in the Official Journal » that
    holds the work."""
    for event in work.iterancestors("EVENT"):
        kind = _code(event.find("EVENT_LEGAL_HAS_TYPE_CONCEPT_TYPE_EVENT_LEGAL")) or (
            event.findtext("TYPE") or "")
        if kind.strip() == "PUB_OJ":
            return _day(event.find("EVENT_LEGAL_DATE"), reading, said)
    return None


def _labels(own: list[etree._Element], prefixes: tuple[str, ...]) -> tuple[str, ...]:
    """The preferred labels of the concepts under these tags, each once, in order; EuroVoc's
    domains and micro-thesauri (labels opening on their code) left out."""
    found: list[str] = []
    for element in own:
        if element.tag.startswith(prefixes):
            label = " ".join((element.findtext("PREFLABEL") or "").split())
            if label and not label[:1].isdigit() and label not in found:
                found.append(label)
    return tuple(found[:LABELS_LIMIT])


def _titles(expressions: list[etree._Element], labels: str) -> tuple[tuple[str, str], ...]:
    """(language, title) of each expression, the language as the expression says it."""
    found: dict[str, str] = {}
    for expression in expressions:
        title = next((e for e in expression if e.tag in ("EXPRESSION_TITLE", "TITLE")), None)
        text = _value(title)
        if text:
            found.setdefault(_language(expression, title) or labels, text)
    return tuple(found.items())


def _language(expression: etree._Element, title: etree._Element | None) -> str:
    """An expression's language: its title's ``LANG``, ``EXPRESSION_USES_LANGUAGE``, its own
    ``LANG``, the suffix of its CELEX (« 32018R0196.ENG »); "" when none says it."""
    said = [title.findtext("LANG") if title is not None else "",
            _code(expression.find("EXPRESSION_USES_LANGUAGE")),
            _value(expression.find("LANG"))]
    said += [i.rpartition(".")[2] for i in _identifiers([expression]).get("celex", [])]
    return next((language(s) for s in said if s and language(s)), "")
