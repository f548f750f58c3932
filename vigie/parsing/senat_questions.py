"""The Sénat questions base: a PostgreSQL dump read as a stream, row by row.

``questions.zip`` (data.senat.fr) holds a plain ``pg_dump``: ``COPY <table> (<columns>) FROM
stdin;`` blocks of tab-separated rows (``\\N`` for null, backslash escapes) ended by ``\\.``.
Questions are in ``tam_questions`` (``reference`` ``SEQ16030791G`` → official id
``qSEQ16030791G``, ``natquecod``, ``titre``, ``txtque``, ``mindepotlib``, ``mintranlib`` when the
question was transmitted to another ministry, ``datejodepot``…), answers in ``tam_reponses``
(``idque`` = the question's base ``id``, ``txtrep``, ``datejorep``, ``pagejorep``…). Columns are
taken from each block's header, never from their position, so that a dump with more or
reordered columns still reads. Small tables (``sortquestion``…) give labels for the codes.

Nothing is held in memory beyond the current row: answers name their question by its base id
(``ParsedReply.question_key = "senat:<id>"``) and the storage stage joins them, whichever
table comes first. A row that cannot be read is a :class:`RowProblem` and the stream goes on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from vigie.parsing.parlement_model import (
    JO_QUESTIONS,
    SENAT,
    Attribution,
    Author,
    JoReference,
    ParsedAnswer,
    ParsedQuestion,
    ParsedReply,
)
from vigie.parsing.parlement_values import html_text, iso_date, safe_url
from vigie.parsing.xmltools import clean, without_controls

SENAT_QUESTION_URL = "https://www.senat.fr/questions/base/{year}/q{reference}.html"
QUESTIONS, ANSWERS = "tam_questions", "tam_reponses"
LABEL_TABLES = {"sortquestion": ("sorquecod", "sorquelib"),
                "etatquestion": ("etaquecod", "etaquelib"),
                "naturequestion": ("natquecod", "natquelib")}
_COPY = re.compile(r'^COPY\s+(?:"?[\w$]+"?\.)?"?([\w$]+)"?\s*\(([^)]*)\)\s+FROM\s+stdin',
                   re.IGNORECASE)
_ENCODING = re.compile(r"^SET\s+client_encoding\s*=\s*'([\w-]+)'", re.IGNORECASE)
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]{1,2})|(.))")
_SIMPLE = {"b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v"}
# SEQ + yymm + number (+ a letter for oral and government questions).
REFERENCE = re.compile(r"^SEQ(\d{2})(\d{2})\w{4,6}$")
PG_CUSTOM_MAGIC = b"PGDMP"


@dataclass(frozen=True)
class RowProblem:
    """A row or a block of the dump that could not be read (message in French)."""

    where: str  # « tam_questions, ligne 1234 »
    key: str  # the row's identifier when it has one (reference or base id)
    message: str
    fatal: bool = False  # nothing after it could be read (truncated dump)


@dataclass
class DumpStats:
    """What a pass over the dump saw (for the report)."""

    rows: int = 0
    skipped_old: int = 0  # rows before the ``since`` date, left out on purpose


SenatItem = ParsedQuestion | ParsedReply | RowProblem


def is_senat_dump(head: bytes) -> bool:
    """Whether the first bytes of a file are a plain PostgreSQL dump."""
    return b"PostgreSQL database dump" in head[:4096] or b"\nCOPY " in head[:65536]


def read_senat_dump(lines: Iterable[bytes], *, since: date | None = None,
                    stats: DumpStats | None = None) -> Iterator[SenatItem]:
    """Questions, answers and row problems of a dump given as lines of bytes.

    Rows whose every date is before ``since`` are skipped (counted in ``stats``).
    """
    stats = stats if stats is not None else DumpStats()
    labels: dict[str, dict[str, str]] = {}
    encoding = "utf-8"
    table, columns, line_number = "", [], 0
    for raw in lines:
        line_number += 1
        line = _decode(raw, encoding).rstrip("\r\n")
        if not table:
            encoding = _encoding(line) or encoding
            header = _COPY.match(line)
            if header:
                table = header.group(1).lower()
                columns = [c.strip().strip('"').lower() for c in header.group(2).split(",")]
            continue
        if line == "\\.":
            table = ""
            continue
        if table in LABEL_TABLES:
            _remember_label(labels, table, columns, line)
        elif table in (QUESTIONS, ANSWERS):
            stats.rows += 1
            item = _row_item(table, columns, line, line_number, labels, since)
            if item is None:
                stats.skipped_old += 1
            else:
                yield item
    if table:
        yield RowProblem(f"table {table}", "", "dump interrompu au milieu de la table "
                         f"{table} (fin « \\. » absente) : fichier tronqué ?", fatal=True)


def _decode(raw: bytes, encoding: str) -> str:
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _encoding(line: str) -> str:
    match = _ENCODING.match(line)
    if not match:
        return ""
    name = match.group(1).upper().replace("-", "")
    return {"UTF8": "utf-8", "LATIN1": "latin-1", "WIN1252": "cp1252",
            "SQLASCII": "utf-8"}.get(name, "utf-8")


def unescape(field: str) -> str | None:
    """A COPY text field: ``\\N`` is null; backslash escapes are undone."""
    if field == "\\N":
        return None
    if "\\" in field:
        field = _ESCAPE.sub(_unescape_one, field)
    # What no database or XML document holds, escaped (« \x01 », « \b », « \000 ») or raw,
    # mended as ``json_reading`` mends JSON.
    return without_controls(field)


def _unescape_one(match: re.Match[str]) -> str:
    octal, hexa, char = match.groups()
    if octal:
        return chr(int(octal, 8))
    if hexa:
        return chr(int(hexa, 16))
    return _SIMPLE.get(char, char)


def _fields(columns: list[str], line: str) -> dict[str, str | None] | None:
    values = line.split("\t")
    if len(values) != len(columns):
        return None
    return {name: unescape(value) for name, value in zip(columns, values, strict=True)}


def _remember_label(labels: dict[str, dict[str, str]], table: str, columns: list[str],
                    line: str) -> None:
    code, label = LABEL_TABLES[table]
    row = _fields(columns, line)
    if row and row.get(code) and row.get(label):
        labels.setdefault(code, {})[row[code] or ""] = clean(row[label])


def _row_item(table: str, columns: list[str], line: str, line_number: int,
              labels: dict[str, dict[str, str]], since: date | None) -> SenatItem | None:
    where = f"{table}, ligne {line_number}"
    row = _fields(columns, line)
    if row is None:
        found = len(line.split("\t"))
        return RowProblem(where, line.split("\t", 1)[0][:40],
                          f"{found} colonne(s) au lieu de {len(columns)} : ligne ignorée")
    days = [iso_date(row.get(k)) for k in ("datejodepot", "datejorep1", "datecloture",
                                          "datejorep", "datejotran")]
    if since and not any(d and d >= since for d in days):
        return None
    if table == ANSWERS:
        return _reply(row, where)
    return _question(row, where, labels)


def _question(row: dict[str, str | None], where: str,
              labels: dict[str, dict[str, str]]) -> SenatItem:
    reference = clean(row.get("reference"))
    base_id = clean(row.get("id"))
    match = REFERENCE.match(reference)
    if match is None:
        what = f"référence « {reference} » invalide" if reference else "référence absente"
        return RowProblem(where, base_id, f"question {base_id or '?'} : {what} "
                          "(attendu : SEQ<aamm><numéro>) : ligne ignorée")
    yy = int(match.group(1))
    year = (2000 if yy < 50 else 1900) + yy
    kind = clean(row.get("natquecod"))
    html, plain = html_text(row.get("txtque") or "")
    status_code = clean(row.get("sorquecod"))
    deposited = iso_date(row.get("datejodepot"))
    return ParsedQuestion(
        id=f"q{reference}", chamber=SENAT, source="senat-dump", kind=kind,
        legislature=clean(row.get("legislature")), number=clean(row.get("numero")),
        title=clean(row.get("titre")), rubrique=clean(row.get("rubrique")),
        keywords=tuple(t for t in (clean(p) for p in re.split(r"[;,]", row.get("themes") or ""))
                       if t),
        author=Author(
            name=" ".join(p for p in (clean(row.get("codequalite")), clean(row.get("prenom")),
                                      clean(row.get("nom"))) if p),
            ref=clean(row.get("matricule")), group=clean(row.get("groupe")),
            constituency=clean(row.get("circonscription")),
        ),
        ministry_asked=clean(row.get("mindepotlib")),
        attributions=_attributions(row, deposited),
        html=html, text=plain,
        published=JoReference(deposited, clean(row.get("pagejodepot")), kind=JO_QUESTIONS),
        carries_answers=False,
        status=status_code, status_label=labels.get("sorquecod", {}).get(status_code, ""),
        closed=iso_date(row.get("datecloture")),
        errata=_erratum(row.get("txterrque"), iso_date(row.get("dateerr")),
                        clean(row.get("pageerr"))),
        url=SENAT_QUESTION_URL.format(year=year, reference=reference),
        source_key=f"senat:{base_id}" if base_id else "",
    )


def _attributions(row: dict[str, str | None], deposited: date | None
                  ) -> tuple[Attribution, ...]:
    found = []
    if clean(row.get("mindepotlib")):
        found.append(Attribution(clean(row.get("mindepotlib")), date=deposited))
    if clean(row.get("mintranlib")):  # transmitted: re-assigned to another ministry
        found.append(Attribution(clean(row.get("mintranlib")),
                                 date=iso_date(row.get("datejotran"))))
    return tuple(found)


def _erratum(body: str | None, day: date | None, page: str) -> tuple[str, ...]:
    if not clean(body) and day is None:
        return ()
    note = "Erratum" + (f" publié au JO du {day.strftime('%d/%m/%Y')}" if day else "")
    note += f", p. {page}" if page else ""
    return (f"{note} : {clean(body)}" if clean(body) else note,)


def _reply(row: dict[str, str | None], where: str) -> SenatItem:
    base_id = clean(row.get("idque"))
    html, plain = html_text(row.get("txtrep") or "")
    published = JoReference(iso_date(row.get("datejorep")), clean(row.get("pagejorep")),
                            kind=JO_QUESTIONS,
                            url=safe_url(row.get("urlrep"), "https://www.senat.fr/"))
    if not base_id or not (plain or published.date or published.url):
        what = "sans question (idque absent)" if not base_id else "sans texte ni date"
        return RowProblem(where, base_id, f"réponse {what} : ligne ignorée")
    erratum = clean(row.get("txterrrep"))
    return ParsedReply(f"senat:{base_id}", ParsedAnswer(
        html, plain, published,
        ministry=clean(row.get("minreplib")), erratum=erratum,
        erratum_published=JoReference(iso_date(row.get("errdate")), clean(row.get("errpage")))
        if erratum else JoReference(),
    ))
