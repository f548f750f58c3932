"""Features of an item, as the learned selection and themes read them: named, with evidence.

A feature is a readable name (« mot:collectivite », « nature:DECRET », « rubrique:textes
generaux ») and a value (1.0 when the sommaire line shows it; less when only the notice or the
text does). Each name has a French label (``feature_labels.label``), so that the weights
file reads like a list of reasons and every decision can cite the features that weighed most,
with the words found. Features say what a text does and whom it binds: its nature (accents,
case and plural normalised), its rubric, its issuer (ministry words, NOR direction), the words
and word pairs of its title after French normalisation, the cues of the editorial policy, the
vocabulary of local government and the codes it cites; nature and rubric also crossed.
Nothing here is weighted: ``weights`` holds what was learned from the labelled issues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from vigie.analysis import cues
from vigie.analysis.actors import ACTOR_KINDS, ACTOR_NONE, actor_evidence, actor_values
from vigie.analysis.domains import ADDRESSEES, TERM_NAMES, domains
from vigie.analysis.evidence import Evidence, Source
from vigie.analysis.feature_labels import CROSSED, RUBRICS, cue_slug
from vigie.analysis.lexicon import NOR_DIRECTIONS, NOR_NATURES
from vigie.analysis.normalize import alnum_runs, fold, from_separator, stem, stream
from vigie.analysis.portfolios import portfolios
from vigie.analysis.reach import NATIONAL_POST, NO_LINK, STATE_STAFF, national_post, state_staff
from vigie.analysis.records import Item
from vigie.analysis.singular import singular_object

# Evidence read beyond the sommaire line (notice, text, cited texts) counts less than the line:
# the labelled issues that weights are learned from are sommaire lines.
NOTICE_VALUE = 0.5
_STOP = frozenset(stream(
    "a à au aux d de du des en et l la le les un une ou par pour sur dans n no nos n° er "
    "janvier février mars avril mai juin juillet août septembre octobre novembre décembre "
    "qui que leur leurs son sa ses ce cette ces il elle est sont ainsi y se dont avec entre "
    "m mme mmes mm").split())
_TOKEN = re.compile(r"[a-z]+")
# « portant désignation aux fonctions de secrétaire général adjoint » names a person to a post
# as « portant nomination » does (policy §4); « portant désignation » alone does not: « du
# site Natura 2000 », « des postes comptables » designate places and offices.
_NOMINATIVE_TITLE = re.compile(
    r"\b(?:portant (?:nomination|nominations|admission a la retraite|cessation de fonctions|"
    r"fin de fonctions|fin de delegation|integration|titularisation|promotion|radiation|"
    r"reintegration|affectation|detachement|maintien en fonctions|elevation|mutation|"
    r"designation aux fonctions)|nommant)\b"
)
_NOMINATIVE_AT = from_separator(_NOMINATIVE_TITLE)  # the same, read in the title after a space
# A nomination to the board of a body: of a local body when the title names its territory
# (policy §3: « établissement public foncier de Nouvelle-Aquitaine »), of a national one when
# the body says so (policy §4: « Caisse nationale », « Institut français »).
_BOARD = re.compile(r"\bnomination (?:au|du|des membres du|des membres de la) (?:conseil|comite|"
                    r"bureau|college|commission)\b")
_NATIONAL = re.compile(r"\b(?:nationa(?:l|le|ux|les)|francais(?:e|es)?|de france|"
                       r"interministeriel(?:le)?)\b")
# A nomination in a regional State service: the policy follows, for a territory, the préfet,
# the sous-préfet, the DASEN and the director of a direction départementale only; other
# nominations in State services are left out. The finances publiques keep the accounts of local
# authorities (their comptable public): their regional director stays a function to weigh.
REGIONAL_VETO = ("nomination dans un service régional de l'État : la rédaction ne suit, pour un "
                 "territoire, que préfets, sous-préfets, directeurs académiques et directeurs "
                 "départementaux")
_ON_LAWS = frozenset({"DC", "QPC", "LP"})
_CC_KINDS = re.compile(r"^D[ée]cisions? n(?:°|os?)\s*[\d/-]+((?:\s+[A-Z]{1,4})+)\s+du\b")


@dataclass(frozen=True)
class Structure:
    """What the form of a text says, whatever its weights: the engine uses it for the scope."""

    nominative: bool  # an individual measure (nomination, retirement…)
    local_function: bool  # …of an official for a territory (policy §3)
    designation: bool  # designates territories for a measure (policy §2.5)
    general: bool  # a law, an ordonnance or a constitutional decision
    veto: str  # the reason of a policy §4 form that excludes the text whatever it says, or ""
    career: bool = False  # …in the career of a State agent (retirement, promotion): no local effect
    state_service: bool = False  # the title names a State service or the State's own staff
    regional: bool = False  # the local function is in a regional State service (or its deputy)
    board: str = ""  # a board nomination: « local » (a named territory's body), « national »
    singular: str = ""  # why the object is one named thing, not a person (``singular``), or ""

    @property
    def learned(self) -> bool:
        """Whether selection weights learn from the text. Not when its form is excluded: no
        weight ever decides it, and editors label such forms ``no``. A regional State service
        nomination is the exception: excluded too, but labelled either way by editors, so its
        labels still say how much the words it shares with the nominations the policy keeps
        (« nomination », « direction ») weigh; so is a text whose object is one named thing
        (``singular``): labelled like any line, its words weigh for the others that share them."""
        return not self.veto or self.veto in (REGIONAL_VETO, NATIONAL_POST, self.singular)


@dataclass(frozen=True)
class Features:
    values: dict[str, float]
    evidence: dict[str, str] = field(default_factory=dict)  # feature → words found
    structure: Structure = Structure(False, False, False, False, "")


def extract(item: Item, evidence: Evidence, *, overseas: bool = False,
            named_territory: bool = False, addressed: bool = False) -> Features:
    """Every feature of an item, with the words that show it (``addressed``: the issuer is
    the minister the item is put to, a Parliament question: see ``domains.domains``)."""
    values: dict[str, float] = {}
    shown: dict[str, str] = {}
    kind, codes = item_nature(item), _constitutional(item)  # (read once: both ask)
    structure = _structure(item, evidence, kind, codes, named_territory=named_territory)
    _form(kind, codes, item, structure, values)
    _title_words(evidence.masked_title, values, shown)
    _issuer(item, evidence, values, shown)
    _cues(evidence, values, shown)
    _vocabulary(evidence.title, 1.0, values, shown)
    for source in (evidence.notice, evidence.publics, evidence.text, evidence.cited):
        _vocabulary(source, NOTICE_VALUE, values, shown, codes_only=source is evidence.text)
    domains(item, evidence, values, shown, addressed=addressed, post=structure.nominative)
    actors = actor_values(item.title)
    values.update(actors)
    for name, words in actor_evidence(item.title, actors).items():
        shown.setdefault(name, words)
    if not _linked(values, structure, evidence):
        values[NO_LINK] = 1.0
    staff = state_staff(item.title)
    if staff:
        values[STATE_STAFF] = 1.0
        shown[STATE_STAFF] = staff
    if overseas:
        values["territoire:outre-mer"] = 1.0
    if named_territory:
        values["territoire:nomme"] = 1.0
    return Features(values, shown, structure)


def _linked(values: dict[str, float], structure: Structure, evidence: Evidence) -> bool:
    """Whether anything in the line ties the text to local authorities: a local actor or term,
    a code they apply, territories designated, a local function, a project located somewhere,
    funding, the plan of a territory (``reach``: a text tied by nothing is evidence against).
    A place named alone is no tie: it says where a text applies (a court, a State service, a
    plant), not whom it binds; the place weighs on its own (« territoire:nomme »)."""
    return (ACTOR_NONE not in values or structure.designation or structure.local_function
            or bool(evidence.title.local_terms()) or bool(evidence.title.codes)
            or bool(evidence.authority.local_terms()) or bool(evidence.fpt_grade)
            or any(name in values for name in _LINKS))


PLANNING = "indice:plan territorial"
# A portfolio of the issuing ministry (``portfolios``), and a word of an issuer's name.
PORTFOLIO, ISSUER_WORD = "portefeuille:", "emetteur:"
_LINKS = ("objet:projet ou site", "indice:financement", PLANNING)


def _structure(item: Item, evidence: Evidence, kind: str, codes: set[str], *,
               named_territory: bool = False) -> Structure:
    title = evidence.title_stream
    folded = fold(item.title)
    nominative = "Mesures nominatives" in item.sections or (
        "Textes généraux" not in item.sections and bool(_NOMINATIVE_AT.search(" " + folded)))
    board = nominative and _BOARD.search(folded) is not None
    board_scope = ("" if not board else "national" if _NATIONAL.search(folded)
                   else "local" if named_territory else "")
    career = nominative and cues.CAREER_EVENT_MATCHER.first(title) is not None
    functions = (set(cues.LOCAL_FUNCTION_MATCHER.count(title)) if nominative and not career
                 else set())
    local_function = bool(functions) or board_scope == "local"
    # Only a function names a State service: a board of a local body names none (an empty set
    # is a subset of any), and the deputies of a function the policy names (« directeurs
    # académiques adjoints ») serve the same département as it does.
    regional = bool(functions) and functions <= cues.REGIONAL_FUNCTIONS
    objet = stream(evidence.notice_fields.get("objet", ""))
    designation = bool(cues.DESIGNATION_MATCHER.first(title + " | " + objet))
    general = kind in ("LOI", "ORDONNANCE") or bool(codes)
    # One named service or property, whatever the rubric: its form settles it (policy §4).
    singular = singular_object(item.title, item.ministry)
    veto = next((cue.reason for cue in cues.negative(title) if cue.veto), singular)
    if not veto and regional and "finances publiques" not in folded:  # see REGIONAL_VETO
        veto = REGIONAL_VETO
    if not veto and nominative and not local_function:  # a named person in a national body
        veto = national_post(item.title)
    if not veto and ({"Conventions collectives", "Informations parlementaires"} & set(
            item.sections) or item.sections[:1] == ("Annonces",)):
        veto = "accords du secteur privé ou information parlementaire (rubrique)"
    return Structure(nominative, local_function, designation, general, veto, career,
                     cues.STATE_SERVICE_MATCHER.first(title) is not None, regional, board_scope,
                     singular)


def item_nature(item: Item) -> str:
    """The nature of an item, normalised; the NOR's last letter when nothing else says it."""
    kind = item.kind
    nor = item.nor.strip()
    if not kind and len(nor) == 12:
        kind = NOR_NATURES.get(nor[-1:].upper(), "")
    return kind


def _constitutional(item: Item) -> set[str]:
    found = _CC_KINDS.match(item.title)
    codes = set(found.group(1).split()) if found else set()
    if "Conseil constitutionnel" in item.sections and not codes:
        codes.add("CC")
    return codes


def _form(kind: str, codes: set[str], item: Item, structure: Structure,
          values: dict[str, float]) -> None:
    values[f"nature:{kind or 'INCONNUE'}"] = 1.0
    for code in codes:
        values[f"nature:conseil constitutionnel {code}"] = 1.0
    # The policy retains the Council's decisions on laws (DC, QPC); an election dispute (AN,
    # SEN) or a délégalisation (L) changes no rule of local authorities.
    if codes and not codes & _ON_LAWS and codes != {"CC"}:
        values["nature:conseil constitutionnel hors loi"] = 1.0
    rubrics = [RUBRICS[part] for part in item.sections if part in RUBRICS]
    for rubric in rubrics:
        values[f"rubrique:{rubric}"] = 1.0
    if not item.sections:
        values["rubrique:aucune"] = 1.0
    _crossed(values)
    for flag in ("nominative", "local_function", "designation", "career", "state_service",
                 "regional"):
        if getattr(structure, flag):
            values[f"forme:{flag}"] = 1.0
    if structure.board:
        values[f"forme:conseil {structure.board}"] = 1.0
    if structure.veto and structure.veto not in (REGIONAL_VETO, NATIONAL_POST,
                                                 structure.singular):
        values["forme:exclusion"] = 1.0


def _crossed(values: dict[str, float]) -> None:
    """Each nature crossed with each rubric (« croise:DECRET | textes generaux »): a decree
    among the « Textes généraux » and one among the « Mesures nominatives » are not the same
    evidence, nor is a decision of an authority and one of the Conseil constitutionnel; a
    weight for each pair says so where the sum of the two weights cannot. For selection
    only: it says how a text is published, not what it is about."""
    natures = [name[len("nature:"):] for name in values if name.startswith("nature:")]
    rubrics = [name[len("rubrique:"):] for name in values if name.startswith("rubrique:")]
    for nature in natures:
        for rubric in rubrics:
            values[f"{CROSSED}{nature} | {rubric}"] = 1.0


def _title_words(title: str, values: dict[str, float], shown: dict[str, str]) -> None:
    """Words of the title and pairs of neighbouring words, folded, plurals stripped."""
    words = [(word, raw) for raw in alnum_runs(title) for word in _words(raw)]
    for word, raw in words:
        name = f"mot:{word}"
        values[name] = 1.0
        shown.setdefault(name, raw)
    for (first, raw1), (second, raw2) in zip(words, words[1:], strict=False):
        name = f"paire:{first} {second}"
        values[name] = 1.0
        if name not in shown:
            shown[name] = f"{raw1} {raw2}"


def _issuer(item: Item, evidence: Evidence, values: dict[str, float],
            shown: dict[str, str]) -> None:
    """The portfolios of the ministry that issued the text (``portfolios``: the same whatever
    a government calls it), words of its name and of its NOR direction."""
    for key in portfolios(evidence.authority_name):
        values[f"{PORTFOLIO}{key}"] = 1.0
        shown[f"{PORTFOLIO}{key}"] = evidence.authority_name
    direction = NOR_DIRECTIONS.get(item.nor.strip()[:4].upper())
    # For selection, a ministry's portfolios stand for the words of its name, the same
    # whichever government named it (``selection_values``); themes read the words.
    names = [evidence.authority_name, direction.label if direction else ""]
    for name in names:
        for raw in alnum_runs(name):
            for word in _words(raw):
                values[f"emetteur:{word}"] = 1.0
                shown.setdefault(f"emetteur:{word}", raw)


@lru_cache(maxsize=65536)
def _words(raw: str) -> tuple[str, ...]:
    """The folded, plural-stripped words of one written word, function words left out
    (cached: titles repeat their words)."""
    return tuple(word for word in map(stem, _TOKEN.findall(fold(raw)))
                 if len(word) > 1 and word not in _STOP)


def _cues(evidence: Evidence, values: dict[str, float], shown: dict[str, str]) -> None:
    title = evidence.title_stream
    for cue in cues.negative(title):
        values[f"indice:{cue_slug(cue)}"] = 1.0
    funding, planning = cues.funds_and_plans(title)
    if funding:
        values["indice:financement"] = 1.0
    if planning:
        values[PLANNING] = 1.0
    if evidence.fpt_grade:
        values["indice:grade territorial"] = 1.0
        shown["indice:grade territorial"] = evidence.fpt_grade


def _vocabulary(source: Source, value: float, values: dict[str, float],
                shown: dict[str, str], *, codes_only: bool = False) -> None:
    """Lexicon terms and codes: the title's count fully, the rest less."""
    if not codes_only:
        for key in source.terms:
            name = TERM_NAMES[key]
            if values.get(name, 0.0) < value:
                values[name] = value
                shown.setdefault(name, source.surface(key))
    for code in source.codes:
        name = f"code:{code}"
        values[name] = max(values.get(name, 0.0), value)


def selection_values(values: dict[str, float]) -> dict[str, float]:
    """The features selection is learned from: all but the themes' vocabulary scores, which
    say what a text is about, not whether it binds local authorities (the vocabulary's own
    terms and the policy's evidence say that); for a ministry, its portfolios and not the words
    of its name, which change with each government."""
    skipped = ("domaine:", ISSUER_WORD) if any(
        name.startswith(PORTFOLIO) for name in values) else ("domaine:",)
    return {name: value for name, value in values.items() if not name.startswith(skipped)}


def theme_values(values: dict[str, float]) -> dict[str, float]:
    """The features a theme is learned from: what a text is about, not whom it addresses,
    nor how strongly the policy retains it."""
    return {name: value for name, value in values.items()
            if name not in ADDRESSEES and name != "politique"
            and not name.startswith(_NOT_THEMES)}


_NOT_THEMES = (*ACTOR_KINDS, CROSSED, PORTFOLIO)
