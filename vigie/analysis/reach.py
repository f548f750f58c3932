"""Whom a text reaches, read from its whole line: nothing local at all, or the State's own staff.

Two pieces of evidence against retaining a text, both from the editorial policy:

- a text that nothing in its line ties to local authorities — no local authority, body or agent
  named, no word of their vocabulary, no code they apply, no territory designated, no local
  function, no project located somewhere, no funding they may claim, no plan of a territory
  they apply — creates no obligation, power or resource of theirs that a reader could see
  (policy §2); a place named alone says where a text applies, not whom it binds (« conseil
  des prud'hommes de Mamoudzou »); laws, ordonnances and constitutional decisions keep their
  own evidence (their nature) and are weighed with it;
- a text that governs the careers or jobs of the State's own staff (its corps, its ministries,
  its central administration, its magistrates) concerns neither the fonction publique
  territoriale nor the rules shared by the three fonctions publiques (policy §3 against §4):
  the vocabulary of local government it carries (« jeunesse », « sport », « régime
  indemnitaire ») names the ministry's field, not a rule local authorities apply, so the
  policy's vocabulary evidence leaves it out (``selection``).

Both are named features with a French label (``LABELS``); their weights are learned.

For a retained text, the line also says whether it reaches one place or every authority of a
kind (policy §3 against §2), read by rules the engine's scope applies (``one_place``,
``every_one_of_a_kind``): a project, a site or works located somewhere (a public debate, a
site Natura 2000, a déclaration d'utilité publique) and a measure for the benefit of one
authority (« au profit d'une collectivité territoriale ») are local, even when the title does
not say where, and so is a measure for one establishment or body of a kind that is always
somewhere (a museum's appellation « musée de France », a reorganisation of the State's
accounting posts, one organisme d'HLM, one direction interdépartementale des routes); a sum
shared among all the régions, with the collectivités that hold their powers (« aux régions et à
la collectivité de Corse »), is national, although it names Corse.
"""

from __future__ import annotations

import re
from functools import lru_cache

from vigie.analysis.actors import PERSON
from vigie.analysis.normalize import by_first_character, fold, from_separator

PROJECT = "objet:projet ou site"  # (``actors``: a project, a site or works located somewhere)
NO_LINK = "portee:aucun lien local"
STATE_STAFF = "portee:personnel de l'etat"
LABELS = {
    NO_LINK: "rien dans la ligne ne relie le texte aux collectivités (ni collectivité, ni "
             "vocabulaire, ni code, ni territoire désigné, ni projet, ni financement, ni plan "
             "d'un territoire)",
    STATE_STAFF: "le texte règle la carrière ou l'emploi d'agents de l'État (corps, "
                 "ministères, administration centrale), non de la fonction publique "
                 "territoriale",
}

# Careers and jobs (policy §3 retains those of the fonction publique territoriale and the rules
# shared by the three fonctions publiques)…
_STAFF = re.compile(by_first_character(
    r"\b(?:fonctionnaires?|corps|emplois?|agents?|personnels?|listes? d'aptitude|regime "
    r"indemnitaire|indemnites?|primes?|promotions?|recrutements?|statuts? particuliers?|"
    r"avancements?|remunerations?|retraites?|carrieres?|concours)\b"))
# …of the State's own staff (policy §4): its bodies and services, its ministries, its
# magistrates, the teachers of its schools (« l'état d'urgence » is no State; a teacher of
# the local authorities' own schools of art is « territorial », ``_TERRITORIAL_STAFF``).
_STATE_OWN = re.compile(
    r"\b(?:(?:de l'|d')etat(?! d'urgence)|ministeres?|ministeriel\w*|professorat|"
    r"enseignants?(?:-chercheurs?)?|"
    r"administrat(?:eur|eurs|ion) civil|administration centrale|services? deconcentres?|"
    r"magistra\w+|chambres? regionales? (?:et territoriales? )?des comptes|militaires?|"
    r"gendarmerie|police nationale|corps (?:de|des|du)|interministeriel\w*|"
    r"ecoles? nationales?)\b")
# A title that names local authorities' staff, or the three fonctions publiques, is theirs too
# (« chambre régionale et territoriale des comptes » is a court of the State).
_TERRITORIAL_STAFF = re.compile(by_first_character(
    r"\b(?:territoria\w+\b(?! des comptes)|cadres? d'emplois|collectivit\w+|communes?|"
    r"communa\w+|departementa\w+|regionaux|sapeurs?-pompiers|trois fonctions publiques|"
    r"fonction publique hospitaliere|hospitali\w+)\b"))


# A direction départementale (« des territoires », « interministérielle », « des finances
# publiques ») is a service of the State in the département, not the département's own: its
# name says nothing of the fonction publique territoriale, so it is left out before the search
# for local staff (a director named for a territory keeps his « directeur départemental »).
_STATE_DIRECTIONS = re.compile(r"\bdirections? departementales?\b")


# The same, read from the character before a word in the folded title after a space
# (``from_separator``): a match there is one character longer, at the same start.
_STAFF_AT, _STATE_OWN_AT, _TERRITORIAL_STAFF_AT = map(from_separator, (
    _STAFF, _STATE_OWN, _TERRITORIAL_STAFF))


@lru_cache(maxsize=4096)  # selection and features both ask, for the same title
def state_staff(title: str) -> str:
    """The title's words showing that it governs the State's own staff (« fonctionnaires …
    ministère »), or "" when it does not."""
    folded = fold(title).replace("’", "'")
    spaced = " " + folded
    staff = _STAFF_AT.search(spaced)
    own = _STATE_OWN_AT.search(spaced) if staff else None
    if staff is None or own is None or _TERRITORIAL_STAFF_AT.search(
            _STATE_DIRECTIONS.sub("", spaced)):
        return ""
    if len(folded) != len(title):  # offsets no longer point into the title: quote folded words
        return f"{staff.group(0)[1:]} … {own.group(0)[1:]}"
    return (f"{title[staff.start():staff.end() - 1]} … "
            f"{title[own.start():own.end() - 1]}")


# A national body: a council, an institute, an office or a company of the whole country
# (« Conseil supérieur de l'appui territorial », « Institut national de l'information
# géographique », « société nationale SNCF », « Haut Conseil »), read on the folded title.
# The bodies of the fonction publique territoriale (its Conseil supérieur, the CNFPT) are
# national too, but bodies of the local authorities themselves (policy §1, §3): a post there
# is theirs.
_NATIONAL_BODY = re.compile(by_first_character(
    r"\b(?:haut conseil|haute autorite|conseil d'etat|cour des comptes|"
    r"(?:conseil|comite|commission|conference|college|centre|institut|office|agence|caisse|"
    r"ecole|societe|etablissement public|observatoire|autorite|inspection|academie|musee|"
    r"bibliotheque|fondation)s? (?:superieure?|nationa(?:l|le|ux|les)|generale?))\b"
    r"(?! de la fonction publique territoriale)"))
# …unless the body's name says it is made of or for the local authorities themselves (the
# Conseil national d'évaluation des normes « applicables aux collectivités territoriales »,
# the Conférence nationale des services d'incendie et de secours, the CNRACL): a seat there
# speaks for them (policy §1), as one in the bodies of the fonction publique territoriale.
_LOCAL_BODY = re.compile(r"\b(?:collectivites|elus locaux|maires|services? d'incendie)\b")
NATIONAL_POST = ("nomination d'une personne dans un organisme national : mesure individuelle "
                 "sans effet pour les collectivités")


def national_post(title: str) -> str:
    """``NATIONAL_POST`` when the title names a person (« - M. DUPONT (Jean) ») and a national
    body (``_NATIONAL_BODY``), else "": read on a nomination, the person's post is in that
    body, which no territory's authorities hold or answer to, whatever local words its name
    carries (« appui territorial »), unless that name then says the local authorities
    (``_LOCAL_BODY``); policy §4 leaves out nominations in the State's bodies. A function
    for a territory (a préfet, a DASEN) is told apart before (``features``)."""
    if PERSON.search(title) is None:
        return ""
    folded = fold(title).replace("’", "'")
    body = _NATIONAL_BODY.search(folded)
    if body is None or _LOCAL_BODY.search(folded, body.end()):
        return ""
    return NATIONAL_POST


# One authority as beneficiary, with the indefinite article: a particular one, not a kind.
_ONE_AUTHORITY = re.compile(
    r"\bau (?:profit|b[ée]n[ée]fice) d['’]une (?:collectivit[ée]|commune|communaut[ée]|"
    r"m[ée]tropole|r[ée]gion|d[ée]partement)\b", re.IGNORECASE)
# Every authority of a kind, and the collectivités that hold the same powers (Corse, Guyane,
# Martinique, overseas collectivités): named to include them, not to restrict the text.
_EVERY_ONE = re.compile(
    r"\b(?:aux|des|les|toutes les|tous les) (?:r[ée]gions|d[ée]partements)(?: et|,) "
    r"(?:(?:à|de|aux) )?(?:la |les )?collectivit[ée]s?\b", re.IGNORECASE)


# A measure whose object is one establishment or one body of a kind that is always somewhere,
# though the title names it by its kind or its own name rather than by a place: the
# appellation « musée de France » of a museum's collections (code du patrimoine, L. 442-1),
# the reorganisation of the State's accounting posts (the trésoreries of named communes
# merged or closed), one organisme d'HLM (it builds and lets in its own area; a text on the
# sociétés d'HLM in general names them in the plural), one of the State's interdepartmental
# road services (a few départements' roads; « les directions interdépartementales » are all).
_ONE_BODY = (
    ("appellation d'un musée", re.compile(r"\bappellation\s+«?\s*mus[ée]e de France\b",
                                           re.IGNORECASE)),
    ("réorganisation de postes comptables situés",
     re.compile(r"\br[ée]organisation d(?:e|es) postes? comptables?\b", re.IGNORECASE)),
    ("organisme d'HLM nommé", re.compile(
        r"(?:\bla|»\s*,)\s+soci[ée]t[ée]\s+(?:[\w-]+\s+){0,5}?d['’]\s*"
        r"(?:HLM\b|habitations? à loyer mod[ée]r[ée])", re.IGNORECASE)),
    ("service interdépartemental des routes", re.compile(
        r"\bdirection interd[ée]partementale des routes\b", re.IGNORECASE)),
)


def one_place(title: str, values: dict[str, float]) -> str:
    """Why a text reaches one place only (its object is located somewhere, it benefits one
    authority, or it concerns one establishment or body of a local kind), or "" when nothing
    in its line says so."""
    if PROJECT in values:
        return "projet, site ou travaux situés"
    if _ONE_AUTHORITY.search(title):
        return "mesure au profit d'une collectivité"
    return next((reason for reason, pattern in _ONE_BODY if pattern.search(title)), "")


def every_one_of_a_kind(title: str) -> bool:
    """Whether the title addresses every région or département, with the collectivités
    that hold their powers (« aux régions et à la collectivité de Corse »)."""
    return _EVERY_ONE.search(title) is not None
