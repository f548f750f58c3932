"""What makes an act of EU law matter to local authorities: a matter they run, answer for or
are funded by, found where the act says what it is about.

The rule (the editorial policy, read for EU law): an act is kept when it binds local
authorities in what they do — they are contracting authorities (public procurement,
concessions), they grant aid to undertakings (State aid, services of general economic
interest), they run water, sanitation and waste services, they are bound by the rules on air,
noise, nature and environmental assessment, they own public buildings and street lighting
(energy performance), they are employers (working time, health and safety at work), they
hold personal data and publish public data, they organise public transport, they face floods
and disasters — or when it funds them (the structural and investment funds: ERDF, ESF,
Cohesion Fund, EAFRD, Interreg, Just Transition Fund; the Solidarity Fund). Each ``Matter``
names one of these, with its theme of the taxonomy.

Where the evidence is looked for: the act's titles (in each language the notice gives) and
the Publications Office's own classification of it — the EuroVoc concepts, the headings of
the directory of legislation, the subject matters. These are written by the Office, in the
language of the notice (English or French for the notices Vigie reads): each pattern holds
the French and the English words of the law (« marchés publics », « public procurement »).
No word is taken from a sample: the matters are those of the policy, their words those of the
treaties and directives.

A ``broad`` matter (« protection de l'environnement ») is a general notion the Office puts on
many acts: it is weaker evidence, said as such (``analysis.eu_law``). Patterns match text
folded as ``normalize.fold_chars`` folds it (lower case, no accents, one character for one),
so what was found is shown as written. Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from vigie.analysis.normalize import fold_chars


@dataclass(frozen=True)
class Matter:
    """A matter local authorities run, answer for or are funded by, and its theme."""

    label: str  # shown in reasons: « déchets »
    theme: str
    pattern: str  # French and English forms, folded
    broad: bool = False


MATTERS: tuple[Matter, ...] = (
    Matter("commande publique", "commande_publique",
           r"\bmarches? publics?\b|\bcommande publique\b|\bcontrats? de concession\b|"
           r"\bpouvoirs? adjudicateurs?\b|\bpassation des (?:marches|contrats)\b|"
           r"\bpublic (?:procurement|contracts?|works contracts?)\b|\bconcession contracts?\b|"
           r"\bcontracting authorit(?:y|ies)\b|\baward of (?:public|concession) contracts\b"),
    Matter("aides d'État", "economie",
           r"\baides? d'etat\b|\bstate aids?\b|\bde minimis\b|\barticles 107 (?:et|and) 108\b|"
           r"\bservices? d'interet economique "
           r"general\b|\bservices? of general economic interest\b|\bexemption par categorie "
           r"(?:generale)?\b|\bgeneral block exemption\b"),
    Matter("eau et assainissement", "environnement",
           r"\beau potable\b|\beaux? destinees? a la consommation humaine\b|\beaux? (?:urbaines )?"
           r"residuaires\b|\beaux usees\b"
           r"|\bassainissement\b|\beaux? de baignade\b|\b(?:gestion|protection|qualite|politique)"
           r" (?:des|de l') eaux?\b|\bdirective-cadre sur l'eau\b|\bdrinking water\b|\bwater "
           r"intended for human consumption\b|\b(?:urban )?waste[ -]?water\b|\bsewage\b|\bbathing"
           r" water\b|\bwater (?:protection|management|policy|quality|supply|framework)\b"),
    Matter("déchets", "environnement",
           r"\bdechets?\b|\bmise en decharge\b|\brecyclage\b|\beconomie circulaire\b|"
           r"\bwaste\b(?![ -]?water)|\blandfill|\brecycling\b|\bcircular economy\b"),
    Matter("air, bruit, nature et évaluation environnementale", "environnement",
           r"\bqualite de l'air\b|\bair ambiant\b|\bpollution atmospherique\b|\bbruit dans "
           r"l'environnement\b|\bevaluation (?:environnementale|des incidences)\b|\bnatura 2000"
           r"\b|\bhabitats? naturels?\b|\bair quality\b|\bambient air\b|\bair pollution\b|"
           r"\benvironmental noise\b|\bnoise (?:pollution|nuisance)\b|\benvironmental (?:impact "
           r")?assessment\b|\bnatural habitats?\b"),
    Matter("énergie des bâtiments et efficacité énergétique", "energie",
           r"\bperformance energetique\b|\befficacite energetique\b|\benergies? renouvelables?\b"
           r"|\bbatiments? publics?\b|\breseaux? de chaleur\b|\beclairage public\b|\benergy "
           r"performance\b|\benergy efficiency\b|\brenewable energ|\bpublic buildings?\b|"
           r"\bdistrict heating\b|\bstreet lighting\b"),
    Matter("fonds européens (FEDER, FSE+, cohésion, FEADER)", "finances",
           r"\bfonds europeen de developpement regional\b|\bfeder\b|\bfonds social europeen\b|"
           r"\bfonds de cohesion\b|\bfonds structurels?\b|\bfonds europeen agricole pour le "
           r"developpement rural\b|\bfeader\b|\bfonds pour une transition juste\b|\binterreg\b|"
           r"\bcooperation territoriale europeenne\b|\bpolitique (?:regionale|de cohesion)\b|"
           r"\bcohesion economique, sociale et territoriale\b|\beuropean regional development "
           r"fund\b|\berdf\b|\beuropean social fund\b|\bcohesion fund\b|\bstructural funds?\b|"
           r"\beuropean agricultural fund for rural development\b|\beafrd\b|\bjust transition "
           r"fund\b|\beuropean territorial cooperation\b|\b(?:regional|cohesion) policy\b|"
           r"\beconomic, social and territorial cohesion\b|\bstructural and investment funds\b"),
    Matter("données personnelles et données publiques", "numerique",
           r"\bprotection des donnees\b|\bdonnees a caractere personnel\b|\brgpd\b|\bdonnees "
           r"ouvertes\b|\breutilisation des informations du secteur public\b|\baccessibilite des "
           r"sites internet\b|\binformation geographique\b|\bprotection of personal data\b|"
           r"\bdata protection\b|\bgdpr\b|\bopen data\b|\bre-?use of public sector information"
           r"\b|\baccessibility of the websites\b|\bspatial information\b"),
    Matter("transports publics", "mobilite",
           r"\btransports? publics? de voyageurs\b|\bobligations? de service public\b|"
           r"\bvehicules? (?:de transport routier )?propres\b|\bmobilite urbaine\b|\bpublic "
           r"(?:passenger|urban) transport\b|\bpublic service obligations?\b|\bclean (?:road "
           r"transport )?vehicles\b|\burban mobility\b"),
    Matter("collectivités territoriales", "institutions",
           r"\bcollectivites? (?:territoriales?|locales?)\b|\bautorites? (?:locales|regionales "
           r"et locales)\b|\blocal (?:and regional )?authorit|\bregional and local authorit|"
           r"\blocal government\b|\bmunicipalit(?:y|ies)\b"),
    Matter("conditions de travail des agents", "rh",
           r"\bamenagement du temps de travail\b|\btemps de travail\b|\bsante et (?:la )?"
           r"securite (?:au travail|des travailleurs)\b|\bworking time\b|\bhealth and safety "
           r"(?:at work|of workers)\b"),
    Matter("risques naturels et protection civile", "risques",
           r"\brisques? d'inondation\b|\bprotection civile\b|\bcatastrophes? naturelles?\b|"
           r"\bfonds de solidarite de l'union europeenne\b|\bflood risks?\b|\bcivil protection"
           r"\b|\bnatural disasters?\b|\beuropean union solidarity fund\b"),
    Matter("protection de l'environnement", "environnement",
           r"\bprotection de l'environnement\b|\bpolitique (?:de l'environnement|"
           r"environnementale)\b|\benvironmental (?:protection|policy)\b", broad=True),
)


@dataclass(frozen=True)
class Found:
    """A piece of evidence: the matter, where it was found, the words as written there."""

    label: str
    theme: str
    written: str  # « waste management »
    where: str  # « EuroVoc », « titre », « répertoire de la législation », « matière »
    broad: bool = False


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[Matter, re.Pattern[str]], ...]:
    return tuple((m, re.compile(m.pattern)) for m in MATTERS)


def matters(sources: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[Found, ...]:
    """The matters an act deals with, each once, from ``sources``: (where, texts), the most
    telling first — ``broad`` ones last, then by where they were found (in the order of
    ``sources``: a title, EuroVoc's concepts before the directory's wider headings), then in
    the order of ``MATTERS``. A label of the classification is shown whole (« waste
    management »), a title by the words matched."""
    found: list[tuple[int, Found]] = []
    for matter, pattern in _compiled():
        hit = _first(pattern, sources)
        if hit is not None:
            written, where, rank = hit
            found.append((rank, Found(matter.label, matter.theme, written, where, matter.broad)))
    return tuple(f for _, f in sorted(found, key=lambda pair: (pair[1].broad, pair[0])))


def _first(pattern: re.Pattern[str], sources: tuple[tuple[str, tuple[str, ...]], ...]
           ) -> tuple[str, str, int] | None:
    """(words as written, where, rank of the source) of the first match, or None."""
    for rank, (where, texts) in enumerate(sources):
        for text in texts:
            match = pattern.search(fold_chars(text))
            if match:
                whole = where != "titre"
                return (text if whole else text[match.start():match.end()]), where, rank
    return None
