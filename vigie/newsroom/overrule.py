"""How often the newsroom overruled the machine, per week of publication and per theme.

Counted over the analysed texts: a text is overruled when the editors' decision on
« retained or not » differs from the machine's; corrected (scope, theme, words) when the
newsroom changed anything. The theme is the machine's, so that a rule's weak theme shows.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from vigie.analysis.models import Analysis
from vigie.analysis.records import Decision
from vigie.newsroom.corrections import effective
from vigie.newsroom.models import Correction
from vigie.reference.taxonomy import theme_label


@dataclass
class Tally:
    texts: int = 0
    corrected: int = 0
    overruled: int = 0

    def add(self, corrected: bool, overruled: bool) -> None:
        self.texts += 1
        self.corrected += corrected
        self.overruled += overruled

    def line(self, name: str) -> str:
        share = self.overruled / self.texts if self.texts else 0.0
        return (f"  {name} : {self.overruled} décision(s) renversée(s) sur {self.texts} "
                f"texte(s) ({share:.1%}), {self.corrected} corrigé(s)").replace(".", ",", 1)


@dataclass
class OverruleReport:
    weeks: dict[str, Tally] = field(default_factory=dict)
    themes: dict[str, Tally] = field(default_factory=dict)
    total: Tally = field(default_factory=Tally)
    directions: Counter[str] = field(default_factory=Counter)

    def render(self) -> str:
        lines = ["Décisions de la rédaction face à celles de Vigie", "",
                 self.total.line("Ensemble").strip(),
                 f"  dont retenus par la rédaction contre la machine : "
                 f"{self.directions['retenu']}, écartés : {self.directions['écarté']}",
                 "", "Par semaine de publication :"]
        lines += [tally.line(week) for week, tally in sorted(self.weeks.items())]
        lines += ["", "Par thème (celui de la machine) :"]
        ranked = sorted(self.themes.items(), key=lambda kv: (-kv[1].overruled, kv[0]))
        lines += [tally.line(theme_label(theme) if theme else "sans thème")
                  for theme, tally in ranked if tally.corrected]
        return "\n".join(lines) + "\n"


def overrule_report() -> OverruleReport:
    report = OverruleReport()
    changes = dict(Correction.objects.values_list("document_id", "changes"))
    rows = (Analysis.objects.exclude(document__date_publi=None)
            .values_list("document_id", "document__date_publi", "decision")
            .iterator(chunk_size=1000))
    for doc_id, published, stored in rows:
        machine = Decision.from_json(stored)
        mine = changes.get(doc_id)
        chosen = effective(machine, mine)
        overruled = chosen.retained != machine.retained
        year, week, _ = published.isocalendar()
        for tally in (report.weeks.setdefault(f"{year}-S{week:02d}", Tally()),
                      report.themes.setdefault(machine.theme, Tally()), report.total):
            tally.add(bool(mine), overruled)
        if overruled:
            report.directions["retenu" if chosen.retained else "écarté"] += 1
    report.weeks = {w: t for w, t in report.weeks.items() if t.corrected} or report.weeks
    return report
