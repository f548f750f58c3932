"""Selection of acts of EU law (« Union européenne »): whether one matters to local
authorities, under which theme, and why — each reason one line a reader can check.

An act is retained when it deals with a matter local authorities run, answer for or are
funded by (``eu_cues``), found in its titles or in the Publications Office's classification
of it (EuroVoc, directory of legislation, subject matters); otherwise not, and the reason
gives its kind and how the Office classifies it. Nothing is learned from samples.

An act of the Union applies in the whole of France: a retained act goes to every edition
(« national »), naming no territory. Its theme is the one of the matters found (the most of
them, the taxonomy's order breaking ties; a broad matter counts only when nothing else was
found). Its headline is its French title; without one (the notice gave none in French) its
French name and what it was kept for (« Directive (UE) 2019/904 du 5 juin 2019 : déchets »).
Essentials: its title in another language when that is all the notice gave (said so), its
EuroVoc concepts and directory headings (its publication in the Journal is its reference
line). Its entry into force is a key date. Pure: same item, same decision.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from vigie.analysis.dates import ENTREE_EN_VIGUEUR, KeyDate
from vigie.analysis.essentials import clipped
from vigie.analysis.eu_cues import Found, matters
from vigie.analysis.records import Decision
from vigie.parsing.clipping import clip
from vigie.reference.eu_law import FRENCH, language, language_name
from vigie.reference.taxonomy import THEMES, roles_for, theme_label

EUROPE = "europe"
_ORDER = {slug: index for index, slug in enumerate(THEMES)}
# How surely it matters: a matter of the law (in the title or the Office's classification),
# else only a broad one (« protection de l'environnement »).
MATTER_SCORE, BROAD_SCORE = 0.7, 0.55
# Where the evidence is looked for, in this order, as reasons name it.
TITLE, EUROVOC, DIRECTORY, SUBJECT = ("titre", "EuroVoc", "répertoire de la législation",
                                      "matière")


@dataclass(frozen=True)
class EuItem:
    """What the selection reads of a stored act."""

    celex: str
    name: str  # « Directive (UE) 2019/904 du 5 juin 2019 »
    kind: str  # « Directive »
    title_fr: str = ""
    titles: tuple[tuple[str, str], ...] = ()  # (language, title), French included
    concepts: tuple[str, ...] = ()
    directory: tuple[str, ...] = ()
    subjects: tuple[str, ...] = ()
    journal: str = ""  # « JO L 155 du 12.6.2019, p. 1-19 »
    published: date | None = None
    in_force_from: date | None = None
    labels_language: str = ""  # of the Office's classification, as the notice writes it

    @property
    def sources(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        return ((TITLE, tuple(t for _, t in self.titles)), (EUROVOC, self.concepts),
                (DIRECTORY, self.directory), (SUBJECT, self.subjects))


def decide(item: EuItem) -> Decision:
    """Whether ``item`` enters the editions (all of them), under which theme, and why."""
    found = matters(item.sources)
    strong = [f for f in found if not f.broad]
    retained = bool(found)
    theme, secondary, theme_reason = _theme(strong or list(found))
    reasons = _evidence(item, found)
    if retained:
        reasons += ["acte de l'Union européenne : il s'applique dans toute la France, "
                    "toutes les éditions", theme_reason]
    return Decision(
        retained=retained, scope="national" if retained else "no",
        score=MATTER_SCORE if strong else BROAD_SCORE if found else 0.0,
        reasons=tuple(reasons), theme=theme, themes=secondary,
        roles=roles_for((theme, *secondary)) if theme else (),
        short_title=_headline(item, strong or list(found)), essentials=_essentials(item),
        dates=_dates(item))


def _evidence(item: EuItem, found: tuple[Found, ...]) -> list[str]:
    """The reasons that say why, with the words as the act or the Office wrote them."""
    if not found:
        given = item.concepts[:4] or item.directory[:3] or item.subjects[:3]
        said = f" ; la notice le classe sous : {', '.join(given)}" if given else (
            " ; la notice ne le classe sous aucune matière")
        return [f"{item.kind.lower()} qui ne porte sur aucune matière que les collectivités "
                f"exercent ou appliquent, et ne les finance pas{said}"]
    shown = ", ".join(f"{f.label} (« {f.written} », {f.where})" for f in found[:4])
    reasons = [f"l'acte porte sur : {shown}"]
    if all(f.broad for f in found):
        reasons.append("matière générale seulement : retenu dans le doute")
    return reasons


def _theme(found: list[Found]) -> tuple[str, tuple[str, ...], str]:
    """Main theme, secondary ones, and the reason (none for an act not retained)."""
    counted = Counter(f.theme for f in found)
    if not counted:
        return "", (), ""
    ranked = sorted(counted, key=lambda t: (-counted[t], _ORDER.get(t, 99)))
    main = ranked[0]
    cues = ", ".join(dict.fromkeys(f.label for f in found if f.theme == main))
    return main, tuple(ranked[1:3]), f"thème « {theme_label(main)} » : {cues}"


def _headline(item: EuItem, found: list[Found]) -> str:
    """The French title; without one, the act's French name and what it was kept for."""
    if item.title_fr:
        return clip(item.title_fr, 250)
    labels = ", ".join(dict.fromkeys(f.label for f in found[:3]))
    return clip(f"{item.name} : {labels}" if labels else item.name, 250)


def _essentials(item: EuItem) -> tuple[str, ...]:
    """Its title in another language when the notice gave none in French (said so), then how
    the Office classifies it: EuroVoc concepts, headings of the directory (at most three
    lines; its publication is its reference line)."""
    lines = []
    if not item.title_fr and item.titles:
        lang, title = item.titles[0]
        lines.append(clipped(f"Intitulé publié en {language_name(lang)} (la notice ne "
                             f"donne pas de version française) : {title}"))
    said = _labels_in(item)
    if item.concepts:
        lines.append(clipped(f"Thésaurus EuroVoc{said} : {', '.join(item.concepts[:6])}"))
    if item.directory:
        lines.append(clipped(f"Répertoire de la législation{said} : "
                             f"{', '.join(item.directory[:4])}"))
    return tuple(lines[:3])


def _labels_in(item: EuItem) -> str:
    """« (libellés en anglais) » when the Office's labels are not in French (a reader is told
    what language they read, as the pages mark it), else « »."""
    code = language(item.labels_language)
    return f" (libellés en {language_name(code)})" if code and code != FRENCH else ""


def _dates(item: EuItem) -> tuple[KeyDate, ...]:
    if item.in_force_from is None:
        return ()
    return (KeyDate(item.in_force_from, ENTREE_EN_VIGUEUR, "Entrée en vigueur",
                    "date d'entrée en vigueur donnée par la notice de l'Office des "
                    "publications"),)
