"""What makes a court decision matter to local authorities: who the parties are, and what it
rules on.

Two kinds of evidence, both general (the law local authorities live by, not the words of any
sample):

- a **party** that is a local authority or one of its bodies, named where a decision names
  its parties (« 1°/ la commune de Brides-les-Bains, représentée par son maire », « le
  département de la Savoie », « le syndicat mixte … », « le centre communal d'action
  sociale »…). A département or a région counts only under a name the COG knows (« la région
  parisienne » is no party);
- a **matter** local authorities run or answer for: urbanisme and expropriation, domaine
  public and voirie, commande publique, fonction publique territoriale, the elected officials'
  liability (prise illégale d'intérêts, favoritisme…), elections, funéraire, gens du voyage,
  logement social, aide sociale of the départements, eau and assainissement… Each ``Matter``
  has a theme of the taxonomy. A ``strong`` matter is a notion of the law itself (« code de
  l'urbanisme », « marché public »): it counts wherever the decision shows it, its reasoning
  or the search's excerpts included; a weak one (« une commune », « le maire ») only in what
  the decision rules on — its sommaire, its themes, its titles, the articles it applies.

Patterns match text folded as ``normalize.fold_chars`` folds it (lower case, no accents, one
character for one), so that what was found is shown as the decision wrote it. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vigie.analysis.normalize import fold_chars
from vigie.reference.geography import load_geo, normalize

_NAME = r"[^,;:\n(]{1,60}"  # a name, up to the punctuation that ends it
_OF = r"(?:de la |de l'|du |des |de |d')"
# (label, pattern): the bodies that are local authorities or theirs, as parties are named.
PARTIES: tuple[tuple[str, str], ...] = (
    ("commune", rf"\b(?:la|une) commune (?:nouvelle )?{_OF}{_NAME}"),
    ("commune", rf"\bla ville {_OF}{_NAME}"),
    ("intercommunalité", rf"\bcommunaute (?:de communes|d'agglomeration|urbaine){_NAME}"),
    ("intercommunalité", rf"\bmetropole (?:europeenne )?{_OF}{_NAME}"),
    ("intercommunalité", r"\betablissement public (?:de cooperation intercommunale|territorial)"
                         rf"{_NAME}?"),
    ("syndicat de collectivités", rf"\bsyndicat (?:intercommunal|mixte|departemental d'energie)"
                                  rf"{_NAME}?"),
    ("syndicat de collectivités", r"\b(?:sivom|sivu|smictom|sictom)\b"),
    ("département", rf"\b(?:le )?(?:departement|conseil departemental) {_OF}(?P<dep>{_NAME})"),
    ("région", rf"\b(?:la )?(?:region|conseil regional) (?:{_OF})?(?P<reg>{_NAME})"),
    ("collectivité territoriale", r"\bcollectivite (?:territoriale|de corse|europeenne d'alsace"
                                  rf"|de martinique|de guyane){_NAME}?"),
    ("service d'incendie et de secours", r"\bservice departemental d'incendie et de secours"
                                         r"|\bsdis\b"),
    ("action sociale locale", r"\bcentre (?:communal|intercommunal) d'action sociale|\bc[ci]as\b"),
    ("office public de l'habitat", r"\boffice public (?:de l'habitat|d'hlm|d'habitations a "
                                   r"loyer modere)|\boph\b"),
    ("centre de gestion", r"\bcentre (?:departemental |interdepartemental )?de gestion de la "
                          r"fonction publique territoriale|\bcnfpt\b"),
    ("élu local", rf"\b(?:maire|adjoint au maire|conseiller municipal|conseillere municipale|"
                  rf"president du conseil departemental|president du conseil regional) "
                  rf"{_OF}{_NAME}"),
)


@dataclass(frozen=True)
class Matter:
    """A matter local authorities run or answer for, the theme it belongs to."""

    label: str  # shown in reasons: « expropriation »
    theme: str
    pattern: str
    strong: bool = True


def _m(label: str, theme: str, pattern: str, strong: bool = True) -> Matter:
    return Matter(label, theme, pattern, strong)


MATTERS: tuple[Matter, ...] = (
    _m("code de l'urbanisme", "urbanisme", r"\bcode de l'urbanisme\b"),
    _m("autorisation d'urbanisme", "urbanisme", r"\bpermis (?:de construire|d'amenager|de "
       r"demolir)\b|\bautorisations? d'urbanisme\b|\bcertificat d'urbanisme\b|\bdeclaration "
       r"prealable de travaux\b"),
    _m("infraction d'urbanisme", "urbanisme", r"\binfractions? (?:au code de l'urbanisme|aux "
       r"regles d'urbanisme|d'urbanisme)\b"),
    _m("plan local d'urbanisme", "urbanisme", r"\bplan local d'urbanisme\b|\bplu(?:i)?\b|"
       r"\bplan d'occupation des sols\b|\bcarte communale\b"),
    _m("droit de préemption", "urbanisme", r"\bdroit de preemption\b|\bpreemption urbain"),
    _m("expropriation", "urbanisme", r"\bexpropriation\b|\bexproprie\b|\b(?:declaration|cause) "
       r"d'utilite publique\b"),
    _m("aménagement", "urbanisme", r"\bzone d'amenagement concerte\b|\bz\.?a\.?c\.?\b|\btaxe "
       r"d'amenagement\b"),
    _m("domaine public", "institutions", r"\bdomaine public\b|\bdependances? du domaine\b|"
       r"\bbiens? sans maitre\b|\bbiens? vacants?\b"),
    _m("voirie", "mobilite", r"\bvoies? communales?\b|\bchemins? ruraux?\b|\bchemin rural\b|"
       r"\bvoirie (?:communale|departementale)\b"),
    _m("commande publique", "commande_publique", r"\bmarches? publics?\b|\bcode de la commande "
       r"publique\b|\bcode des marches publics\b|\bdelegation de service public\b|\bcontrat "
       r"de concession\b|\bfavoritisme\b|\bliberte d'acces et (?:a )?l'egalite des candidats\b"),
    _m("fonction publique territoriale", "rh", r"\bfonction publique territoriale\b|"
       r"\bfonctionnaires? territoria(?:l|ux)\b|\bagents? (?:communa(?:l|ux)|territoria(?:l|ux)"
       r"|municipa(?:l|ux))\b|\bloi n[°o] ?84-53\b"),
    _m("probité des élus", "institutions", r"\bprise illegale d'interets\b|\bdetournement de "
       r"fonds publics\b|\bconcussion\b|\bmanquement(?:s)? au devoir de probite\b"),
    _m("collectivités territoriales", "institutions", r"\bcode general des collectivites "
       r"territoriales\b|\bcollectivites? (?:territoriales?|locales?)\b|\belus? locaux\b|"
       r"\belu local\b|\bconseil municipal\b|\bconseillers? municipa(?:l|ux)\b|\bdeliberation "
       r"du conseil\b"),
    _m("police du maire", "securite", r"\bpolice municipale\b|\bpouvoirs? de police du maire\b|"
       r"\barretes? municipa(?:l|ux)\b|\barrete du maire\b|\bpouvoirs? de police (?:du|des) "
       r"maires?\b"),
    _m("vidéoprotection", "securite", r"\bvideo-?protection\b|\bvideo-?surveillance (?:installee "
       r")?sur la voie publique\b"),
    _m("élections politiques", "population", r"\belections? (?:municipales?|departementales?|"
       r"regionales?|senatoriales?)\b|\bcode electoral\b|\blistes? electorales?"
       r" (?:de la commune|politiques?)\b"),
    _m("funéraire", "population", r"\bconcessions? funeraires?\b|\bcimetieres?\b|\boperations "
       r"funeraires\b"),
    _m("état civil", "population", r"\bofficier de l'etat civil\b"),
    _m("gens du voyage", "logement", r"\bgens du voyage\b|\baires? d'accueil\b"),
    _m("logement social", "logement", r"\blogements? socia(?:l|ux)\b|\bhabitations? a loyer "
       r"modere\b|\bhlm\b|\barretes? de (?:peril|mise en securite)\b|\binsalubrite\b|\bhabitat "
       r"indigne\b"),
    _m("aide sociale", "social", r"\baide sociale\b|\ballocation personnalisee d'autonomie\b|"
       r"\bprestation de compensation du handicap\b|\brevenu de solidarite active\b"),
    _m("eau, assainissement et déchets", "environnement", r"\bassainissement\b|\bservice public de "
       r"l'eau\b|\bdistribution d'eau potable\b|\bordures menageres\b|\bdechets menagers\b|"
       r"\bpolice des dechets\b|\b(?:depots|dechets) sauvages\b"),
    _m("transports publics locaux", "mobilite", r"\bversement (?:transport|mobilite)\b|"
       r"\bautorite organisatrice de la mobilite\b|\btransports? scolaires?\b"),
    _m("restauration scolaire", "education", r"\b(?:restauration|cantine) scolaire\b|\becoles? "
       r"(?:communales?|maternelles? publiques?)\b"),
    _m("fiscalité locale", "finances", r"\btaxe de sejour\b|\bfiscalite locale\b|\bimpots? "
       r"locaux\b"),
    _m("une commune", "institutions", r"\b(?:une|la|les|des) communes?\b", strong=False),
    _m("le maire", "institutions", r"\b(?:le )?maires?\b", strong=False),
)


@dataclass(frozen=True)
class Found:
    """A piece of evidence: what it is, its theme, and the words as the decision wrote them."""

    label: str
    theme: str
    written: str


@lru_cache(maxsize=1)
def _compiled() -> tuple[list[tuple[str, re.Pattern[str]]], list[tuple[Matter, re.Pattern]]]:
    return ([(label, re.compile(pattern)) for label, pattern in PARTIES],
            [(m, re.compile(m.pattern)) for m in MATTERS])


def _named(match: re.Match[str], geo_names: dict) -> bool:
    """A département or a région counts only under a name the COG knows."""
    for group, names in (("dep", geo_names["dep"]), ("reg", geo_names["reg"])):
        if group in match.groupdict() and match.group(group) is not None:
            name = normalize(match.group(group))
            return any(name == key or name.startswith(key + " ") for key in names)
    return True


@lru_cache(maxsize=1)
def _place_names() -> dict[str, frozenset[str]]:
    geo = load_geo()
    return {"dep": frozenset(geo.departement_names), "reg": frozenset(geo.region_names)}


def parties(text: str, limit: int = 3) -> tuple[Found, ...]:
    """The local authorities and their bodies among the parties ``text`` names, each kind
    once, as written (« la commune de Brides-les-Bains »)."""
    folded, found, kinds = fold_chars(text), [], set()
    for label, pattern in _compiled()[0]:
        for match in pattern.finditer(folded):
            if label in kinds or not _named(match, _place_names()):
                continue
            kinds.add(label)
            found.append(Found(label, "institutions", " ".join(
                text[match.start():match.end()].split()).rstrip(" .")))
    ordered = sorted(found, key=lambda f: folded.find(fold_chars(f.written)))
    return tuple(ordered[:limit])


def matters(ruled: str, shown: str) -> tuple[Found, ...]:
    """The matters a decision deals with: weak and strong ones in ``ruled`` (what it rules
    on: sommaire, themes, titles, articles applied), strong ones in ``shown`` (its reasoning,
    the search's excerpts); each once, the most telling first (strong before weak)."""
    folded_ruled, folded_shown = fold_chars(ruled), fold_chars(shown)
    found = []
    for matter, pattern in _compiled()[1]:
        where = [(ruled, folded_ruled)] + ([(shown, folded_shown)] if matter.strong else [])
        for text, folded in where:
            match = pattern.search(folded)
            if match:
                found.append(Found(matter.label, matter.theme,
                                   " ".join(text[match.start():match.end()].split())))
                break
    strong = {m.label for m in MATTERS if m.strong}
    return tuple(sorted(found, key=lambda f: f.label not in strong))
