"""An act of EU law as Vigie keeps it (``EuAct``), what reading a file of notices gave
(``Reading``), and how two descriptions of one act are put together (``merged``): the
records of ``parsing.cellar``. Pure."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date

from vigie.parsing.celex import Celex, Journal, designation, read_celex
from vigie.reference.eu_law import FRENCH

LABELS_LIMIT = 40  # labels of each kind kept


@dataclass(frozen=True)
class EuAct:
    """One act of EU law, as the notices describe it."""

    celex: str  # as published: « 32019L0904 »
    eli: str = ""  # « http://data.europa.eu/eli/dir/2019/904/oj »
    oj: str = ""  # its publication as Cellar names it: « JOL_2019_155_R_0001 »
    series: str = ""  # of the Journal: « L »
    issue: str = ""  # « 155 »
    first_page: int | None = None
    last_page: int | None = None
    titles: tuple[tuple[str, str], ...] = ()  # (language, title): (« en », « Directive… »)
    resource_type: str = ""  # the Office's: « DIR », « REG_IMPL »
    document_date: date | None = None  # the act's own date (signature, adoption)
    published: date | None = None  # in the Official Journal
    in_force_from: date | None = None
    in_force: bool | None = None
    concepts: tuple[str, ...] = ()  # EuroVoc
    directory: tuple[str, ...] = ()  # directory of legislation
    subjects: tuple[str, ...] = ()  # subject matters
    labels_language: str = ""  # of the three above
    procedure: str = ""  # « 2018/0172/COD »

    @property
    def code(self) -> Celex:
        return read_celex(self.celex)  # type: ignore[return-value]  (checked when read)

    @property
    def url(self) -> str:
        return self.code.url

    @property
    def title_fr(self) -> str:
        return next((title for lang, title in self.titles if lang == FRENCH), "")

    @property
    def original(self) -> tuple[str, str]:
        """(language, title) of the first title not in French; ("", "") without one."""
        return next(((lang, t) for lang, t in self.titles if lang != FRENCH), ("", ""))

    @property
    def name(self) -> str:
        """« Directive (UE) 2019/904 du 5 juin 2019 »."""
        return designation(self.code, self.resource_type, self.document_date)

    @property
    def journal(self) -> Journal | None:
        if not self.series:
            return None
        return Journal(self.series, self.issue, self.published, self.first_page, self.last_page)


@dataclass
class Reading:
    """What a file gave: its acts, the problems met, what was not kept and why."""

    shape: str  # « notice Cellar (arbre) », « réponse du web-service EUR-Lex »
    acts: list[EuAct] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # Works without CELEX number (the Parliament's, the Council's…), by their Cellar id.
    without_celex: set[str] = field(default_factory=set)
    passed: dict[str, set[str]] = field(default_factory=dict)  # sector → CELEX not kept

    def say(self, problem: str) -> None:
        if problem not in self.problems:
            self.problems.append(problem)

    def left_out(self) -> str:
        """What was not kept, for people: « actes préparatoires (7), œuvres sans numéro
        CELEX (24) » ("" when all was kept)."""
        parts = [f"{sector} ({len(numbers)})" for sector, numbers in sorted(self.passed.items())]
        if self.without_celex:
            parts.append(f"œuvres sans numéro CELEX ({len(self.without_celex)})")
        return ", ".join(parts)


def merged(before: EuAct, after: EuAct) -> EuAct:
    """One act from two descriptions of it: what ``after`` says wins, what only ``before``
    says is kept; titles by language, labels together."""
    values = {}
    for f in fields(EuAct):
        old, new = getattr(before, f.name), getattr(after, f.name)
        if f.name == "titles":
            values[f.name] = tuple({**dict(old), **dict(new)}.items())
        elif f.name in ("concepts", "directory", "subjects"):
            values[f.name] = tuple(dict.fromkeys(old + new))[:LABELS_LIMIT]
        else:
            values[f.name] = new if new not in (None, "", ()) else old
    return EuAct(**values)
