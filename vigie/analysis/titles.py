"""Short titles in the manner of a newsroom, rewritten from the official title by fixed rules.

The nature, number and date prefix goes, « portant » and « relatif à » go, a leading participle
becomes its noun (« fixant » → « Fixation de »), an applied or amended text moves after a colon
(« Statut de l'élu local : application de l'article 15 de la loi du 22 décembre 2025 »), the
issuer named after the number goes (the section names it), a trailing « et modifiant le code … »
goes when what precedes says the subject on its own, and a title longer than ``MAX_LENGTH`` is
cut where a clause begins (« , pris pour l'application… », « et portant… »), never inside one.
Words are only removed or nominalised, never invented.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from vigie.analysis.lexicon import CODE_ALIASES, CODES

MAX_LENGTH = 120  # characters a short title should not pass (a newsroom's line)
_MAX_STRETCH = 150  # …unless no clause begins before: then the first clause that ends here
_MIN_HEAD = 30  # a head shorter than this is no subject on its own
_MIN_HEAD_WORDS = 4
_MIN_SUBJECT = 12  # before an amending tail, a short subject will do (« Taxe de séjour »)
_FUNCTION_WORDS = frozenset({"de", "du", "des", "la", "le", "les", "l'", "d'", "à", "au", "aux",
                             "et", "ou", "en", "par", "pour", "sur", "un", "une"})

_DATE = r"\d{1,2}(?:er)? \w+ \d{4}"
_PREFIX = re.compile(
    r"^(?:LOI|Loi|Ordonnance|Décret|Arrêté|Décision|Délibération|Avis|Circulaire|Instruction)"
    r"(?: (?:organique|constitutionnelle|conjoint|interministériel))*"
    r"(?P<number> n°\s*\S+(?: [A-Z]{1,4})*)?(?P<date> du " + _DATE + r")?,?\s*",
)
_LAW_NUMBER = re.compile(r"^(LOI|Loi)( organique| constitutionnelle)? n°\s*\S+ du " + _DATE + " ")
_FOOTNOTE = re.compile(r"\s*\(\d\)\s*$")
# « pris pour l'application de l'article 15 de la loi n° … du … portant création d'un … »
_REFERENCE = (
    r"(?P<ref>(?:(?:de |du |des |le |la |les |l')[^,]*?)?"
    r"(?:loi|décret|arrêté|ordonnance|règlement|directive)(?: organique)?"
    r"(?: n°\s*\S+)? du " + _DATE + r")"
)
_LINKED = re.compile(
    r"^(?P<verb>pris pour l'application|pris en application|portant application|modifiant|"
    r"complétant|abrogeant) " + _REFERENCE + r"(?:,? (?P<subject>.+))?$"
)
_VERB_NOUNS = {
    "pris pour l'application": "application", "pris en application": "application",
    "portant application": "application", "modifiant": "modification",
    "complétant": "complément", "abrogeant": "abrogation",
}
_PARTICIPLES = {
    "fixant": "Fixation", "modifiant": "Modification", "désignant": "Désignation",
    "autorisant": "Autorisation", "attribuant": "Attribution", "approuvant": "Approbation",
    "abrogeant": "Abrogation", "créant": "Création", "instituant": "Institution",
    "prorogeant": "Prorogation", "déterminant": "Détermination", "définissant": "Définition",
    "habilitant": "Habilitation", "reconnaissant": "Reconnaissance", "classant": "Classement",
    "déclarant": "Déclaration", "nommant": "Nomination", "précisant": "Précision",
    "organisant": "Organisation", "instaurant": "Instauration", "ouvrant": "Ouverture",
    "constatant": "Constatation", "prescrivant": "Prescription", "interdisant": "Interdiction",
    "suspendant": "Suspension", "répartissant": "Répartition", "homologuant": "Homologation",
    "adaptant": "Adaptation", "simplifiant": "Simplification", "renforçant": "Renforcement",
    "transposant": "Transposition", "encadrant": "Encadrement", "étendant": "Extension",
    "réglementant": "Réglementation", "relevant": "Relèvement", "revalorisant": "Revalorisation",
}
# « relatif à la composition et au fonctionnement » → « Composition et fonctionnement ».
_AND_CONTRACTED = re.compile(r" et (?:au|aux|à la|à) ")
_PREPOSITION_A = re.compile(r"(?<![\w'])(?:à|au|aux)\b")
_LINK = (r"^(?:portant |relatif |relative |relatifs |relatives )?"
         r"(?:(?:à la |à l'|au |aux |à (?:une |un )?)|")
_OF = r"(?:d'une |d'un |de la |de l'|du |des ))?"
# « portant fixation du barème » → « barème »; in the subject of a cited text, « création d'un
# statut » → « statut » too (that text is known by its object).
_STRIP_SUBJECT = re.compile(_LINK + r"(?:fixation |établissement )" + _OF)
# A law's title « pour le plein emploi » → « plein emploi ».
_STRIP_CITED_SUBJECT = re.compile(r"^pour (?:le |la |les |l'|une |un )?|" + _LINK
                                  + r"(?:création |fixation |établissement )" + _OF)
_APPLYING = re.compile(r"^(?:pris pour l'application|pris en application|portant application)"
                       r" (?=d)")
_ARTICLES = ("la ", "le ", "les ", "l'", "un ", "une ", "des ")
# Determiners after which a participle can still become a noun (« de deux arrêtés »).
_DETERMINERS = _ARTICLES + ("deux ", "trois ", "quatre ", "plusieurs ", "certains ",
                            "certaines ", "divers ", "diverses ", "son ", "sa ", "ses ",
                            "leur ", "leurs ")
_PARTICIPLE_WORDS = "|".join(_PARTICIPLES)
# « Délibération n° 2026-12 du 3 juin 2026 de la Commission de régulation de l'énergie portant
# … »: the issuer stands between the reference and the subject.
_ISSUER = re.compile(
    r"^(?:de l'|de la |du |des )[A-ZÀ-Þ][^«»]*? (?:en date )?(?:du " + _DATE + r",? )?"
    r"(?=(?:portant|relatif|relative|relatifs|relatives|" + _PARTICIPLE_WORDS + r")\b)"
)
# « … et modifiant le code général des collectivités territoriales »: amending mechanics that
# a reader does not need in the headline, when they follow the subject.
_AMENDING_TAIL = re.compile(
    r"(?:, et | et |, )"  # (« ,? et | , »: each branch from its first character, see below)
    r"(?:(?:modifiant|complétant|abrogeant) |portant modification d(?:e la |e l'|u |es |e ))"
    r"(?:(?:certaines |diverses )?dispositions (?:du |de la |de l'|des ))?"
    r"(?:le |la |l'|les |un |une |des |deux |trois |plusieurs )?"
    r"(?:codes?|décrets?|arrêtés?|lois?|ordonnances?|règlements?|partie réglementaire)\b.*$"
)
# Where a new clause begins: a comma or « et » before a participle or « relatif », or the
# reference to an applied text.
# Every branch begins with its comma or space, in the order « (?:,? et |, )(?=…) » then
# « (?<!\bpris)(?<!\bprise)(?<!\bprises),? (?=…) » try them: a set of first characters that
# the regex engine jumps to, where those forms try every position (the same matches).
_CLAUSE_START = re.compile(
    r"(?:, et | et |, )(?=(?:portant|relatif|relative|relatifs|relatives|pris|prise|prises|"
    + _PARTICIPLE_WORDS + r")\b)"
    r"|(?:,(?<!\bpris,)(?<!\bprise,)(?<!\bprises,) | (?<!\bpris )(?<!\bprise )(?<!\bprises ))"
    r"(?=(?:pris pour l'application|pris en application|"
    r"prises? en application|en application|pour l'application|en vertu)\b)"
)
# « … en vertu de l'article L. 33-11 du CPCE … »: the legal basis, inside the subject, when it
# ends on a code whose name is known (a law's reference goes on with the law's own title).
_CODE_NAMES = "|".join(re.escape(name) for name in sorted(
    [code.name for code in CODES] + list(CODE_ALIASES), key=len, reverse=True))
_CODE_BASIS = re.compile(
    r"(?:, | )(?:en vertu|en application|pris en application|pris pour l'application)"
    r" (?:des dispositions )?(?:de l'|du |des |de la )?(?:articles?|livre|titre|chapitre)"
    r" [^«»,]{1,40}? (?:du |de la |de l')(?:" + _CODE_NAMES + r")\b"
    r"(?! et (?:du |de |des |à l'))"  # another basis follows: « … et du IV de l'article 83 »
    r",?"
)
# « X et abrogeant le décret … » → « X et abrogation du décret … »; « et portant » goes.
_AND_PARTICIPLE = re.compile(r" et (" + _PARTICIPLE_WORDS + r") (la |le |les |l'|un |une |des )")
_AND_PORTANT = re.compile(r" et portant (?=[a-zà-ÿ])")


def short_title(title: str) -> str:
    """« Décret n° … du … portant X » → « X »; the official title when nothing safe applies."""
    clean = " ".join(title.split())
    if clean.endswith(")"):  # (what ``_FOOTNOTE`` ends with, the spaces split off)
        clean = _FOOTNOTE.sub("", clean)
    if _LAW_NUMBER.match(clean):  # laws are known by their object: « Loi pour une montagne… »
        rest = _LAW_NUMBER.sub("", clean)
        return _typography(f"Loi {rest}") if rest else clean
    prefix = _PREFIX.match(clean)
    if not prefix or not (prefix.group("number") or prefix.group("date")):
        return _typography(clean)
    rest = clean[prefix.end():]
    issuer = _ISSUER.match(rest)  # (at the start only: « ^ »)
    # « portant nomination » alone says less
    if issuer and len(rest[issuer.end():].split()) >= _MIN_HEAD_WORDS:
        rest = rest[issuer.end():]
    if not rest or rest[0].isupper():
        return _typography(clean)
    linked = _LINKED.match(rest)
    if linked:
        return _typography(_linked_title(linked))
    rest = _APPLYING.sub("application ", rest, count=1)  # « pris en application de l'article »
    return _typography(_capitalise(_fit(_subject(rest), MAX_LENGTH)))


def _linked_title(match: re.Match[str]) -> str:
    """« Subject : application de l'article 15 de la loi du 22 décembre 2025 »; without a
    subject, the reference is all the reader has, number included."""
    noun = _VERB_NOUNS[match.group("verb")]
    if not match.group("subject"):
        return _capitalise(_of(noun, match.group("ref")))
    joined = _of(noun, re.sub(r" n°\s*\S+", "", match.group("ref")))
    subject = _subject(match.group("subject"), cited=True)
    subject = _fit(subject, max(_MIN_HEAD, MAX_LENGTH - len(joined) - 3))
    return f"{_capitalise(subject)} : {joined}"


def _of(noun: str, ref: str) -> str:
    return f"{noun} {ref}" if ref.startswith(("de ", "du ", "des ")) else _join_de(noun, ref)


def fitted(subject: str, limit: int) -> str:
    """A subject cut to ``limit`` characters by the rules of short titles (a trailing amending
    clause, then a clause that begins), never inside a clause: a law's name in a headline."""
    return _fit(subject, limit)


def _fit(subject: str, limit: int) -> str:
    """The subject without a trailing amending clause, cut at a clause if still too long, its
    inner participles nominalised."""
    tail = _AMENDING_TAIL.search(subject)
    if tail and _self_sufficient(subject[:tail.start()], _MIN_SUBJECT, 3):
        subject = subject[:tail.start()]
    if len(subject) > limit:
        subject = _CODE_BASIS.sub("", subject)
    if len(subject) > limit:
        subject = _cut(subject, limit)
    if " et " not in subject:  # (what both patterns below begin with)
        return subject
    subject = _AND_PORTANT.sub(" et ", subject)
    return _AND_PARTICIPLE.sub(
        lambda m: " et " + _join_de(_PARTICIPLES[m.group(1)].lower(), m.group(2)), subject)


def _cut(subject: str, limit: int) -> str:
    """The longest head of ``subject`` that says a subject and fits in ``limit``, cut where a
    clause begins; else the shortest such head if it fits in ``_MAX_STRETCH``; else the
    subject. The heads are tried from the longest that fits back, then on from there: each
    head is only read (``_self_sufficient``) until one is taken."""
    starts = [m.start() for m in _CLAUSE_START.finditer(subject)]
    fitting = [start for start in starts if start <= limit]
    for start in reversed(fitting):
        if _self_sufficient(subject[:start], _MIN_HEAD, _MIN_HEAD_WORDS):
            return subject[:start]
    for start in starts[len(fitting):]:
        if _self_sufficient(subject[:start], _MIN_HEAD, _MIN_HEAD_WORDS):
            return subject[:start] if start <= _MAX_STRETCH else subject
    return subject


def _self_sufficient(head: str, min_length: int, min_words: int) -> bool:
    """A head that says a subject: a few words, not ending on « de », « et » or « pris »."""
    words = head.rstrip(" ,").split()
    return (len(head) >= min_length and len(words) >= min_words
            and words[-1].lower() not in _FUNCTION_WORDS
            and words[-1] not in _PARTICIPLES)


def _subject(rest: str, *, cited: bool = False) -> str:
    """Drop the link words; nominalise a leading participle (drop it in a cited subject)."""
    first, _, tail = rest.partition(" ")
    # (the determiner is only looked for after a participle: most subjects begin otherwise)
    determiner = (next((a for a in _DETERMINERS if tail.startswith(a)), None)
                  if first in _PARTICIPLES else None)
    if determiner is not None:
        if cited and determiner in _ARTICLES:  # « fixant la liste » → « liste »
            return tail[len(determiner):] or tail
        if determiner in _ARTICLES:  # « fixant le nombre et la durée » → « … et de la durée »
            tail = _COORDINATED.sub(lambda m: " et " + _JOINED[m.group(1)], tail)
        return _join_de(_PARTICIPLES[first], tail)
    pattern = _STRIP_CITED_SUBJECT if cited else _STRIP_SUBJECT
    stripped = pattern.sub("", rest, count=1)
    if stripped != rest and rest.startswith(("relati", "portant")):
        stripped = _contract(stripped)
    return stripped if stripped else rest


def _contract(subject: str) -> str:
    """« composition et au fonctionnement » → « composition et fonctionnement », the « à » of
    « relatif à » shared; not « aux communes et à leurs groupements », whose « à » pairs
    with an earlier « aux »."""
    match = _AND_CONTRACTED.search(subject)
    if match is None or _PREPOSITION_A.search(subject, 0, match.start()):
        return subject
    return subject[:match.start()] + " et " + _contract(subject[match.end():])


_JOINED = {"les ": "des ", "le ": "du ", "la ": "de la ", "l'": "de l'", "un ": "d'un ",
           "une ": "d'une ", "des ": "des "}
# Objects coordinated with the first one take the same « de »: « du nombre et de la durée ».
_COORDINATED = re.compile(r" et (les |le |la |l')")
_VOWEL = re.compile(r"[aeiouyàâäéèêëîïôöùûüæœ]", re.IGNORECASE)


def _join_de(noun: str, tail: str) -> str:
    """« Fixation » + « le montant » → « Fixation du montant » (French contraction), and
    « de » elided before a vowel (« Modification d'arrêtés »)."""
    for article, joined in _JOINED.items():
        if tail.startswith(article):
            return f"{noun} {joined}{tail[len(article):]}"
    return f"{noun} d'{tail}" if _VOWEL.match(tail) else f"{noun} de {tail}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _typography(text: str) -> str:
    """« Etat » → « État » (capital accents are correct French; DILA titles often drop them);
    « de Achères » → « d'Achères » (elision before a name that opens on a vowel)."""
    if "Etat" in text:  # the pattern finds nothing where the word is not
        text = _ETAT.sub("État", text)
    return _ELIDED.sub("d'", text) if "de " in text else text


_ETAT = re.compile(r"\bEtat\b")
# « (?<![\w'])de (?=…) » from its « de » (a literal the regex engine jumps to), the look back
# past it.
_ELIDED = re.compile(r"de (?<![\w']de )(?=[AEIOUYÀÂÉÈÊÎÔÛ][a-zà-ÿ])")
_REFERENCE_PREFIX = re.compile(
    r"^(?P<nature>LOI|Loi|Ordonnance|Décret|Arrêté|Décision|Délibération|Avis|Circulaire)"
    r"(?P<rest>(?: (?:organique|constitutionnelle|conjoint|interministériel))*"
    r"(?: n°\s*\S+)?(?: du " + _DATE + r")?)")


def distinct_titles(items: Sequence[tuple[str, str, str]]) -> list[str]:
    """Short titles that tell apart the items of one edition: ``items`` are (short title,
    official title, NOR). Where two short titles are the same (two « Reconnaissance de l'état
    de catastrophe naturelle » the same day), each gets its reference (« (arrêté du 9 octobre
    2026) »), and its NOR as well when the reference is the same too."""
    # Each title folded once, a reference read only for a title shared: most are not (a
    # day's hundreds of items, thousands in a history's editions).
    folded = [short.casefold() for short, _official, _nor in items]
    counts = Counter(folded)
    if len(counts) == len(folded):  # all different: nothing to add, nothing to number
        return [short for short, _official, _nor in items]
    references = {n: _reference(items[n][1]) for n, fold in enumerate(folded) if counts[fold] > 1}
    same = Counter((folded[n], reference) for n, reference in references.items())
    titles = []
    for n, (short, _official, nor) in enumerate(items):
        if n not in references:
            titles.append(short)
            continue
        reference = references[n]
        parts = [reference] if reference else []
        if (same[(folded[n], reference)] > 1 or not reference) and nor:
            parts.append(f"NOR {nor}")
        titles.append(f"{short} ({', '.join(parts)})" if parts else short)
    return _numbered(titles)


def _numbered(titles: list[str]) -> list[str]:
    """Titles still the same (same short title, reference and NOR, or none: texts known by
    the sommaire only) are numbered from the second on: « Nomination (décret du 1er décembre
    2026, 2e texte) »."""
    folded = [title.casefold() for title in titles]
    seen: Counter[str] = Counter()
    taken = set(folded)
    numbered = []
    for title, fold in zip(titles, folded, strict=True):
        seen[fold] += 1
        n, candidate = seen[fold], title
        if n > 1:  # the first keeps its title (taken already)
            while (again := (candidate := _nth(title, n)).casefold()) in taken:
                n += 1
            taken.add(again)
        numbered.append(candidate)
    return numbered


def _nth(title: str, n: int) -> str:
    if title.endswith(")"):
        return f"{title[:-1]}, {n}e texte)"
    return f"{title} ({n}e texte)"


def _reference(official: str) -> str:
    """« Arrêté du 9 octobre 2026 portant … » → « arrêté du 9 octobre 2026 »."""
    match = _REFERENCE_PREFIX.match(" ".join(official.split()))
    if not match or not match.group("rest").strip():
        return ""
    return (match.group("nature").lower() + match.group("rest")).strip()
