"""Decisions of the Conseil constitutionnel in the Journal officiel: what was judged, and what
was decided.

Their title is a number (« Décision n° 2026-910 DC du 14 août 2026 ») and their text opens on
the saisine, in capitals, then the grievances. What a reader needs is where the Conseil always
writes it, in the same words:

- the saisine says what is judged: « … A ÉTÉ SAISI, dans les conditions prévues au deuxième
  alinéa de l'article 61 de la Constitution, de la loi pour une montagne vivante et
  souveraine, sous le n° … DC » (a law before its promulgation), « … d'une question
  prioritaire de constitutionnalité … relative à la conformité aux droits et libertés que la
  Constitution garantit du deuxième alinéa de l'article L. 2123-1 du code … » (a provision in
  force);
- « LE CONSEIL CONSTITUTIONNEL DÉCIDE : » opens the ruling, an article a holding (« Sont
  contraires à la Constitution … », « … est conforme à la Constitution », « Sous la réserve
  énoncée au paragraphe 34, … », « La déclaration d'inconstitutionnalité … prend effet dans
  les conditions fixées au paragraphe 14 … »), the last one ordering its publication; the
  séance (« Jugé par le Conseil constitutionnel … ») ends it.

The headline names what is judged (« Loi pour une montagne vivante et souveraine : décision du
Conseil constitutionnel », « Article L. 2123-1 du code général des collectivités territoriales :
question prioritaire de constitutionnalité »); the essentials are the holdings, censures and
their effect first, then reservations, then conformity (at most three: a censure matters more
than the conformity of the rest). A list of provisions becomes one sentence, the name of the
law judged (the headline's) and the titles of cited texts after their number go; a reservation
or an effect that a holding refers to by its paragraph is given in that paragraph's words.
Pure: an item in, a record out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigie.analysis.records import Item
from vigie.analysis.titles import MAX_LENGTH, fitted

DC_SUFFIX = " : décision du Conseil constitutionnel"
QPC_SUFFIX = " : question prioritaire de constitutionnalité"
REASON = ("décision du Conseil constitutionnel : titre tiré de la saisine (ce qui est jugé), "
          "essentiel tiré du dispositif (« le Conseil constitutionnel décide »)")

_COUNCIL = "Conseil constitutionnel"
_CC_TITLE = re.compile(r"^D[ée]cisions? n(?:°|os?)\s*[\d/-]+(?:\s+[A-Z]{1,4})+\s+du\b")
_DATE = r"\d{1,2}(?:er)? [a-zéû]+ \d{4}"
# The end of a sentence, not the point of « article L. 2123-1 » or « art. 3 ».
_FULL_STOP = r"(?<!\b[A-Z])(?<!\bart)\.(?:\s|$)|\s*$"
# « … A ÉTÉ SAISI, dans les conditions …, de la loi pour …, sous le n° … DC, le …, par … »;
# a loi organique is named last: « … de la Constitution, de la loi organique relative à … . »
_LAW = re.compile(
    r"(?i:a\s+été\s+saisie?)\b[^\n.]{0,400}?\bde\s+la\s+(?P<law>(?!loi\s+n°)loi\b[^\n]{3,400}?)"
    r"(?=,\s*sous\s+le\s+n°|,\s*le\s+\d|,\s*(?:par|enregistrée)\b|" + _FULL_STOP + ")", re.M)
# « Elle est relative à la conformité aux droits et libertés que la Constitution garantit du
# deuxième alinéa de l'article L. 2123-1 du code …, dans sa rédaction résultant de … . »
_PROVISION = re.compile(
    r"relative\s+à\s+la\s+conformité\s+(?:aux\s+droits\s+et\s+libertés\s+que\s+la\s+"
    r"Constitution\s+garantit|à\s+la\s+Constitution)\s+(?:de\s+l['’]|de\s+la\s+|du\s+|des\s+)"
    r"(?P<what>[^\n]+?)(?=,\s*dans\s+sa\s+(?:rédaction|version)|" + _FULL_STOP + ")", re.M)
_FIRST_ARTICLE = re.compile(r"\barticles?\b")
# A cited text's title after its number and date: « loi n° 2019-1461 du 27 décembre 2019
# relative à l'engagement … » → « loi n° 2019-1461 du 27 décembre 2019 ».
_CITED_TITLE = re.compile(
    r"(?P<ref>\b(?:loi|ordonnance|décret)(?: organique)? n°\s*\S+ du " + _DATE + r")"
    r" (?:relati|portant|visant|pour|tendant|modifiant|instituant|sur)[^,;]*")
_DECIDES = re.compile(r"(?i:le\s+conseil\s+constitutionnel\s+d[ée]cide)\s*:"
                      r"|^[^\S\n]*(?:DÉCIDE|Décide)\s*:", re.M)
_SITTING = re.compile(r"^[^\S\n]*(?:(?:Jugé|Délibéré) par le Conseil constitutionnel|Rendu public)",
                      re.M)
# An article of the ruling: its heading alone on a line (« Article 1 », the JO's articles) or
# before its text (« Article 1er. - Sont contraires … »).
_HOLDING = re.compile(
    r"^[^\S\n]*Art(?:icle|\.)\s+(?:1er|premier|\d+)\s*\.?\s*(?:[-–—]\s*)?"
    r"|(?<=[.;]\s)Art(?:icle|\.)\s+(?:1er|premier|\d+)\s*\.?\s*[-–—]\s*", re.M)
_PUBLICATION = re.compile(r"publiée? au Journal officiel", re.I)
_ITEM = re.compile(r"^[-–—•]\s*")
# The « et » or « ou » that ends a list's item, a word of its own (« budget » keeps its « et »).
_LAST_WORD = re.compile(r"(?<!\S)(?:et|ou)$")
_PARAGRAPH = re.compile(r"^[^\S\n]*(\d+)\s*\.\s+", re.M)
_REFERRED = re.compile(r"(?:réserves?\s+énoncées?|conditions\s+fixées)\s+aux?\s+paragraphes?\s+"
                       r"(?P<numbers>\d+(?:(?:\s*,\s*|\s+et\s+|\s+à\s+)\d+)*)")
_RESERVATION_WORDS = re.compile(r"ne\s+saurai|doi(?:t|vent)\s+être\s+(?:entendu|interprét|lu)"
                                r"|réserve", re.I)
_EFFECT_WORDS = re.compile(r"\d{4}|abrogation|prend\s+effet|report", re.I)
_CONNECTOR = re.compile(r"^(?:Toutefois|Par suite|Dès lors|Par conséquent|En conséquence|"
                        r"Cependant|Ainsi|En l'espèce|En outre|Dans ces conditions|Or|"
                        r"Il en résulte que),\s*")
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-ZÀÂÉÈÊÎÔÛ«(])")
_CENSURE = re.compile(r"(?<!non )contraires? à la Constitution")
_CONFORMITY = re.compile(r"conformes? à la Constitution")


@dataclass(frozen=True)
class Ruling:
    """What the analysis reads in a decision of the Conseil constitutionnel."""

    headline: str  # "" when the saisine names neither a law nor a provision
    essentials: tuple[str, ...]  # the holdings, as a reader takes them
    reason: str = REASON


def read_ruling(item: Item) -> Ruling | None:
    """The headline and holdings of a decision of the Conseil constitutionnel; None for any
    other text, or one whose body says neither (known by the sommaire only)."""
    if not item.text or not _constitutional(item):
        return None
    decides = _DECIDES.search(item.text)
    grounds = item.text[:decides.start()] if decides else item.text
    judged, headline = _judged(grounds)
    holdings = _holdings(item.text[decides.end():], grounds, judged) if decides else []
    if not headline and not holdings:
        return None
    return Ruling(headline, tuple(holdings))


def _constitutional(item: Item) -> bool:
    return (_COUNCIL in item.sections or _COUNCIL in item.ministry
            or (_CC_TITLE.match(item.title) is not None
                and any(f" {code} " in item.title for code in ("DC", "QPC"))))


def _judged(grounds: str) -> tuple[str, str]:
    """(the law's name as the decision writes it, the headline), or ("", "")."""
    provision = _PROVISION.search(grounds[:4000])
    if provision:
        what = " ".join(provision.group("what").split())
        article = _FIRST_ARTICLE.search(what)
        what = what[article.start():] if article else what
        limit = MAX_LENGTH - len(QPC_SUFFIX)
        if len(what) > limit:
            what = _CITED_TITLE.sub(r"\g<ref>", what)
        return "", _capitalise(what) + QPC_SUFFIX
    law = _LAW.search(grounds[:3000])
    if law:
        name = " ".join(law.group("law").split())
        limit = MAX_LENGTH - len(DC_SUFFIX)
        return name, _capitalise(fitted(name, limit)) + DC_SUFFIX
    return "", ""


def _holdings(ruling: str, grounds: str, law: str) -> list[str]:
    """The articles of the ruling but the publication one, censures and their effect first,
    each followed by the reservation or the effect it refers to, in the grounds' words."""
    end = _SITTING.search(ruling)
    ruling = ruling[:end.start()] if end else ruling
    starts = [m.end() for m in _HOLDING.finditer(ruling)]
    bounds = [m.start() for m in _HOLDING.finditer(ruling)][1:] + [len(ruling)]
    pieces = [ruling[s:e] for s, e in zip(starts, bounds, strict=True)] if starts \
        else _lines(ruling)
    holdings = [_sentence(piece, law) for piece in pieces]
    holdings = [h for h in holdings if h and not _PUBLICATION.search(h)]
    holdings.sort(key=_rank)
    found: list[str] = []
    for holding in holdings:
        referred = _REFERRED.search(holding)
        if referred and "conditions" in referred.group():  # the effect said, not referred to
            found.append(_referred(grounds, referred.group("numbers"), _EFFECT_WORDS,
                                   "Prise d'effet") or holding)
            continue
        found.append(holding)
        if referred:
            reservation = _referred(grounds, referred.group("numbers"), _RESERVATION_WORDS,
                                    "Réserve d'interprétation")
            found += [reservation] if reservation else []
    return found


def _rank(holding: str) -> int:
    """Censures and the effect of a censure, then reservations, conformity, the rest."""
    if _CENSURE.search(holding) or "inconstitutionnalité" in holding:
        return 0
    if _CONFORMITY.search(holding):
        return 1 if "réserve" in holding else 2
    return 3


def _lines(ruling: str) -> list[str]:
    """A ruling without article headings: a holding a line, a list's items with theirs."""
    found: list[str] = []
    for line in (line.strip() for line in ruling.splitlines()):
        if line and found and _ITEM.match(line):
            found[-1] += "\n" + line
        elif line:
            found.append(line)
    return found


def _sentence(piece: str, law: str) -> str:
    """A holding as one sentence: « … suivantes : - l'article 12 ; - l'article 27. » →
    « … suivantes : l'article 12 et l'article 27. », the law's name and cited titles gone."""
    lines = [line.strip() for line in piece.splitlines() if line.strip()]
    items = [_item_text(line) for line in lines if _ITEM.match(line)]
    head = " ".join(line for line in lines if not _ITEM.match(line))
    if items:
        listed = ", ".join(items[:-1]) + (" et " if len(items) > 1 else "") + items[-1]
        head = f"{head.rstrip(' :')} : {listed}."
    head = " ".join(head.split())
    if law:
        head = head.replace(f"de la {law}", "de la loi")
    return _capitalise(_CITED_TITLE.sub(r"\g<ref>", head))


def _item_text(line: str) -> str:
    """A list's item without its dash, its last « et » or « ou », its last « ; », « , » or
    « . » (in linear time: a pattern of three ``\\s*`` before ``$`` was cubic on a long line
    of spaces)."""
    text = _ITEM.sub("", line).rstrip()
    last = _LAST_WORD.search(text)
    text = text[:last.start()].rstrip() if last else text
    return text[:-1].rstrip() if text.endswith((";", ",", ".")) else text


def _referred(grounds: str, numbers: str, words: re.Pattern[str], label: str) -> str:
    """« Réserve d'interprétation (paragraphe 34) : ces dispositions ne sauraient … »: the
    sentences of the paragraphs referred to that say it, "" when none is found."""
    wanted = re.findall(r"\d+", numbers)
    said: list[str] = []
    for number in wanted:
        paragraph = _paragraph(grounds, number)
        sentences = [s for s in _SENTENCE_END.split(paragraph) if words.search(s)]
        said += [_lower(_CONNECTOR.sub("", s.strip())) for s in sentences[-1:]]
    if not said:
        return ""
    which = "paragraphes" if len(wanted) > 1 else "paragraphe"
    return f"{label} ({which} {', '.join(wanted)}) : {' '.join(said)}"


def _paragraph(grounds: str, number: str) -> str:
    """The numbered paragraph of the grounds (« 34. Toutefois, … »), whitespace joined."""
    for match in _PARAGRAPH.finditer(grounds):
        if match.group(1) == number:
            following = _PARAGRAPH.search(grounds, match.end())
            body = grounds[match.end():following.start() if following else len(grounds)]
            return " ".join(body.split())
    return ""


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text
