"""The newsroom part: a short title and at most three essentials, faithful to the text.

The short title is the official one rewritten by fixed grammatical rules only: the nature,
number and date prefix goes, « portant » and « relatif à » go, a leading participle becomes its
noun (« fixant » → « Fixation de »), an applied or amended text moves after a colon. Nothing is
added that the title does not say. Essentials are sentences of the text itself: the notice
(« Objet », « Notice ») first, then the operative articles, never visas, formulas or signatures.
"""

from __future__ import annotations

import re

from vigie.analysis.model import Item

MAX_ESSENTIALS = 3
NO_ESSENTIALS = "Pas d'essentiel extrait : texte connu par le sommaire seulement"
NO_RELIABLE = "Pas d'essentiel extrait : aucune phrase du texte n'en dit l'objet"
_MAX_SENTENCE = 300

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
    r"complétant|abrogeant) " + _REFERENCE + r",? (?P<subject>.+)$"
)
_LINK_WORDS = re.compile(
    r"^(?:portant|relatif|relative|relatifs|relatives|pris pour|fixant|visant|tendant)\b"
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
_LINK = (r"^(?:portant |relatif |relative |relatifs |relatives )?"
         r"(?:(?:à la |à l'|au |aux |à (?:une |un )?)|")
_OF = r"(?:d'une |d'un |de la |de l'|du |des ))?"
# « portant fixation du barème » → « barème »; in the subject of a cited text, « création d'un
# statut » → « statut » too (that text is known by its object).
_STRIP_SUBJECT = re.compile(_LINK + r"(?:fixation |établissement )" + _OF)
_STRIP_CITED_SUBJECT = re.compile(_LINK + r"(?:création |fixation |établissement )" + _OF)
_ARTICLES = ("la ", "le ", "les ", "l'", "un ", "une ", "des ")
# Determiners after which a participle can still become a noun (« de deux arrêtés »).
_DETERMINERS = _ARTICLES + ("deux ", "trois ", "quatre ", "plusieurs ", "certains ",
                            "certaines ", "divers ", "diverses ", "son ", "sa ", "ses ",
                            "leur ", "leurs ")


def short_title(title: str) -> str:
    """« Décret n° … du … portant X » → « X »; the official title when nothing safe applies."""
    clean = _FOOTNOTE.sub("", " ".join(title.split()))
    if _LAW_NUMBER.match(clean):  # laws are known by their object: « Loi pour une montagne… »
        rest = _LAW_NUMBER.sub("", clean)
        return _typography(f"Loi {rest}") if rest else clean
    prefix = _PREFIX.match(clean)
    if not prefix or not (prefix.group("number") or prefix.group("date")):
        return _typography(clean)
    rest = clean[prefix.end():]
    if not rest or rest[0].isupper():
        return _typography(clean)
    linked = _LINKED.match(rest)
    if linked:
        return _typography(_linked_title(linked))
    return _typography(_capitalise(_subject(rest)))


def _linked_title(match: re.Match[str]) -> str:
    """« Subject : application de l'article 15 de la loi du 22 décembre 2025 »."""
    ref = re.sub(r" n°\s*\S+", "", match.group("ref"))
    noun = _VERB_NOUNS[match.group("verb")]
    subject = _subject(match.group("subject"), cited=True)
    joined = _join_de(noun, ref) if not ref.startswith(("de ", "du ", "des ")) else (
        f"{noun} {ref}")
    return f"{_capitalise(subject)} : {joined}"


def _subject(rest: str, *, cited: bool = False) -> str:
    """Drop the link words; nominalise a leading participle (drop it in a cited subject)."""
    first, _, tail = rest.partition(" ")
    determiner = next((a for a in _DETERMINERS if tail.startswith(a)), None)
    if first in _PARTICIPLES and determiner is not None:
        if cited and determiner in _ARTICLES:  # « fixant la liste » → « liste »
            return tail[len(determiner):] or tail
        return _join_de(_PARTICIPLES[first], tail)
    pattern = _STRIP_CITED_SUBJECT if cited else _STRIP_SUBJECT
    stripped = pattern.sub("", rest, count=1)
    if stripped != rest and re.match(r"(?:relati|portant)", rest):
        stripped = _AND_CONTRACTED.sub(" et ", stripped)
    return stripped if stripped else rest


def _join_de(noun: str, tail: str) -> str:
    """« Fixation » + « le montant » → « Fixation du montant » (French contraction)."""
    for article, joined in (("les ", "des "), ("le ", "du "), ("la ", "de la "),
                            ("l'", "de l'"), ("un ", "d'un "), ("une ", "d'une "),
                            ("des ", "des ")):
        if tail.startswith(article):
            return f"{noun} {joined}{tail[len(article):]}"
    return f"{noun} de {tail}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _typography(text: str) -> str:
    """« Etat » → « État » (capital accents are correct French; DILA titles often drop them)."""
    return re.sub(r"\bEtat\b", "État", text)


# --- essentials ---------------------------------------------------------------------------

_SKIP = re.compile(
    r"^(?:Vu |Sur le rapport|Sur la proposition|Le Conseil d'[EÉ]tat|Après avis|Considérant|"
    r"Décrète|Arrête|Arrêtent|Décide|Ordonne|Fait le|Fait à|Par le Président|Par le Premier|"
    r"Pour le ministre|Pour la ministre|Le Premier ministre,|La Première ministre,|"
    r"Le Président de la République|Article |Art\. |Publics? concernés?\s*:|Objet\s*:|"
    r"Notice\s*:|Entrée en vigueur\s*:|Références\s*:|Application\s*:|Nota\b)",
    re.IGNORECASE,
)
_FORMULA = re.compile(
    r"sera publiée? au Journal officiel|seront publiés au Journal officiel|"
    r"chargée? de l'exécution|chargés de l'exécution|responsable de l'application|"
    r"en ce qui (?:le|la) concerne|"
    # Amending mechanics say where words go, not what the rule is.
    r"(?:est|sont) ainsi (?:modifiée?s?|rédigée?s?|complétée?s?)|(?:il|sont) (?:est )?insérée?s?|"
    r"(?:est|sont) remplacée?s? par|les mots : «|(?:est|sont) abrogée?s?\W*$", re.IGNORECASE,
)
# The operative part starts after « Décrète : » / « Arrête : » and ends at the annexes or
# the signatures.
_ENACTING = re.compile(r"\b(?:Décrète|Décrètent|Arrête|Arrêtent|Décide|Décident|Ordonne)\s*:")
_END = re.compile(r"^\s*(?:ANNEXES?\b|Annexes?\s*$|Fait (?:le|à) )", re.MULTILINE)
_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-ZÀÂÉÈÊÎÔÛ«(])")
# A full stop after these is not the end of a sentence (« M. Léo LESNE », « art. 3 »).
_ABBREVIATION = re.compile(r"(?:^|\s)(?:M|MM|Mme|Mmes|Mlle|Dr|Me|Pr|art|Art|cf|n|p|St|Ste)\.$")


def essentials(item: Item) -> tuple[tuple[str, ...], str]:
    """Up to three sentences of the notice and text, and a French reason when none."""
    notice = item.effective_notice()
    found: list[str] = []
    for sentence in _sentences(notice.get("objet", ""))[:1]:
        _keep(found, _capitalise(sentence))
    for sentence in _sentences(notice.get("notice", ""))[:2]:
        _keep(found, _capitalise(sentence))
    for sentence in _sentences(notice.get("entree_en_vigueur", ""))[:1]:
        _keep(found, "Entrée en vigueur : " + sentence)
    for sentence in _operative_sentences(item.text):
        if len(found) >= MAX_ESSENTIALS:
            break
        _keep(found, sentence)
    if found:
        return tuple(found), ""
    if not item.text.strip() and not notice:
        return (), NO_ESSENTIALS
    return (), NO_RELIABLE


def _operative_sentences(text: str) -> list[str]:
    """Sentences of the enacting part, in order, formulas and name lists left out."""
    if not text.strip():
        return []
    enacting = _ENACTING.search(text)
    body = text[enacting.end():] if enacting else text
    end = _END.search(body)
    body = body[: end.start()] if end else body
    return [s for line in body.splitlines() for s in _sentences(line) if _operative(s)]


def _sentences(text: str) -> list[str]:
    text = " ".join(text.split())
    merged: list[str] = []
    for piece in (s.strip() for s in _SENTENCE_END.split(text) if s.strip()):
        if merged and _ABBREVIATION.search(merged[-1]):
            merged[-1] = f"{merged[-1]} {piece}"
        else:
            merged.append(piece)
    return merged


def _operative(sentence: str) -> bool:
    """A sentence that states a rule or a fact, not a formula, a visa or a signature."""
    if _SKIP.match(sentence) or _FORMULA.search(sentence):
        return False
    if sentence.endswith((",", ";")):  # visas and the authority line end so
        return False
    if " | " in sentence:  # a table row (cells joined by the parsing stage)
        return False
    if len(sentence.split()) < 6:
        return False
    # Lines of names and titles (« M. Paul DUPONT, administrateur… ») carry no rule.
    return not sentence.startswith(("M. ", "Mme ", "Mmes ", "MM. "))


def _keep(found: list[str], sentence: str) -> None:
    if len(found) >= MAX_ESSENTIALS or not sentence:
        return
    if len(sentence) > _MAX_SENTENCE:
        sentence = sentence[: _MAX_SENTENCE - 1].rsplit(" ", 1)[0].rstrip(",;:") + " …"
    if sentence not in found:
        found.append(sentence)
