"""Questions of the Assemblée nationale, open-data JSON (one file per question).

The archives ``Questions_ecrites.json.zip``, ``Questions_gouvernement.json.zip`` and
``Questions_orales_sans_debat.json.zip`` hold one ``{"question": {…}}`` per question: ``uid``
(``QANR5L16QE1234``), ``identifiant``, ``type``, ``indexationAN`` (``rubrique``, ``teteAnalyse``,
``analyses.analyse``), ``auteur``, ``minInt`` (ministry asked), ``minAttribs.minAttrib`` (ministries
it was assigned to, one more at each re-assignment), ``textesQuestion.texteQuestion``,
``textesReponse.texteReponse`` (the answer, HTML in a string) and ``cloture``. Any element may be
an object or a list: a second ``texteQuestion`` or ``texteReponse`` is a later publication
(an erratum, a supplementary answer).
"""

from __future__ import annotations

import re
from typing import Any

from vigie.parsing.model import ParseError
from vigie.parsing.parlement_model import (
    AN,
    Attribution,
    Author,
    JoReference,
    ParsedAnswer,
    ParsedQuestion,
)
from vigie.parsing.parlement_values import (
    as_list,
    dig,
    html_text,
    iso_date,
    safe_url,
    text,
    texts,
)

AN_QUESTION_URL = "https://www.assemblee-nationale.fr/dyn/{legislature}/questions/{uid}"
# Official identifiers: QANR5L<legislature><type><number>, e.g. QANR5L16QE1234, QANR5L16QOSD12.
QUESTION_ID = re.compile(r"^QANR5L(\d{1,2})([A-Z]{2,5}?)(\d{1,6})$")
_ERRATUM = re.compile(r"^\W*erratum\b", re.IGNORECASE)
# In the record of a debate, the chair gives the floor to the member who asks first
# (« La parole est à Mme Marine Le Pen. »), then to a minister (« … à M. le ministre … »).
_FLOOR = re.compile(r"\bLa parole est à (M\.|Mme) (?!l[ea] |l')([^.,;:()]{2,80}?)\s*\.")


def an_question_url(legislature: str, uid: str) -> str:
    return AN_QUESTION_URL.format(legislature=legislature, uid=uid)


def check_question_id(name: str, uid: str) -> re.Match[str]:
    """The parts of an Assemblée question id, or a :class:`ParseError` naming the file."""
    match = QUESTION_ID.match(uid)
    if not uid:
        raise ParseError(f"{name} : identifiant de la question (uid) absent")
    if match is None:
        raise ParseError(f"{name} : identifiant de question « {uid[:40]} » invalide "
                         "(attendu : QANR5L<législature><type><numéro>)")
    return match


def question_from_json(name: str, q: dict[str, Any]) -> ParsedQuestion:
    uid = text(q.get("uid"))
    parts = check_question_id(name, uid)
    legislature = text(dig(q, "identifiant", "legislature")) or parts.group(1)
    analyses = _analyses(dig(q, "indexationAN", "analyses"))
    heading = text(dig(q, "indexationAN", "teteAnalyse"))
    rubrique = text(dig(q, "indexationAN", "rubrique"))
    attributions = tuple(_attribution(a) for a in as_list(dig(q, "minAttribs", "minAttrib")))
    status, status_label, closed, closing = _closing(q.get("cloture"))
    question_texts = as_list(dig(q, "textesQuestion", "texteQuestion"))
    html, plain = html_text(_raw(question_texts[0])) if question_texts else ("", "")
    answering = attributions[-1].ministry if attributions else ""
    answers = _answers(dig(q, "textesReponse", "texteReponse"), answering, closing, status)
    return ParsedQuestion(
        id=uid, chamber=AN, source="an-json",
        kind=text(q.get("type")) or parts.group(2),
        legislature=legislature,
        number=text(dig(q, "identifiant", "numero")) or parts.group(3),
        title=analyses[0] if analyses else (heading or rubrique),
        rubrique=rubrique, heading=heading, keywords=analyses,
        author=_author(q.get("auteur"), answers),
        ministry_asked=_ministry(q.get("minInt")),
        attributions=attributions,
        html=html, text=plain,
        published=jo_reference(dig(question_texts[0], "infoJO")) if question_texts
        else JoReference(),
        answers=answers,
        status=status, status_label=status_label, closed=closed,
        errata=_errata(question_texts[1:]) + texts(q.get("erratum")) + texts(q.get("errata")),
        url=an_question_url(legislature, uid),
    )


def jo_reference(info: Any) -> JoReference:
    """An ``infoJO`` object as a :class:`JoReference`."""
    return JoReference(
        date=iso_date(dig(info, "dateJO")), page=text(dig(info, "pageJO")),
        number=text(dig(info, "numJO")), kind=text(dig(info, "typeJO")),
        url=safe_url(dig(info, "urlLegifrance")),
    )


def _raw(entry: Any) -> str:
    """The HTML string of a ``texteQuestion`` / ``texteReponse`` entry."""
    value = dig(entry, "texte")
    return value if isinstance(value, str) else text(value)


def _analyses(value: Any) -> tuple[str, ...]:
    found: list[str] = []
    for item in as_list(value):
        found.extend(texts(item.get("analyse")) if isinstance(item, dict) else texts(item))
    return tuple(found)


def _author(value: Any, answers: tuple[ParsedAnswer, ...]) -> Author:
    """The member who asked: the file names the member by reference only (``PA720614``); a
    debate's record names who was given the floor first."""
    floor = _FLOOR.search(answers[0].text) if answers else None
    return Author(
        name=" ".join(floor.groups()) if floor else "",
        ref=text(dig(value, "identite", "acteurRef")),
        group=text(dig(value, "groupe", "developpe")),
        group_short=text(dig(value, "groupe", "abrege")),
    )


def _ministry(value: Any) -> str:
    return text(dig(value, "developpe")) or text(dig(value, "abrege"))


def _attribution(value: Any) -> Attribution:
    denomination = dig(value, "denomination")
    return Attribution(
        ministry=_ministry(denomination), short=text(dig(denomination, "abrege")),
        date=iso_date(dig(value, "infoJO", "dateJO")),
    )


def _closing(value: Any) -> tuple[str, str, Any, JoReference]:
    return (text(dig(value, "codeCloture")), text(dig(value, "libelleCloture")),
            iso_date(dig(value, "dateCloture")), jo_reference(dig(value, "infoJO")))


def _answers(value: Any, ministry: str, closing: JoReference, status: str
             ) -> tuple[ParsedAnswer, ...]:
    """Each published answer; an entry marked as an erratum corrects the one before it."""
    answers: list[ParsedAnswer] = []
    for entry in as_list(value):
        html, plain = html_text(_raw(entry))
        published = jo_reference(dig(entry, "infoJO"))
        if answers and (_ERRATUM.match(plain) or dig(entry, "erratum") is not None):
            previous = answers.pop()
            answers.append(ParsedAnswer(previous.html, previous.text, previous.published,
                                        previous.ministry, erratum=plain,
                                        erratum_published=published))
            continue
        if not plain:
            continue
        answers.append(ParsedAnswer(html, plain, complete_from_closing(published, closing, status),
                                    ministry))
    return tuple(answers)


def complete_from_closing(published: JoReference, closing: JoReference, status: str
                          ) -> JoReference:
    """The answer's reference, its page and number filled from the closing when the answer
    itself leaves them out (answers to government questions carry no page)."""
    if status != "REP_PUB" or closing.date != published.date:
        return published
    return JoReference(published.date, published.page or closing.page,
                       published.number or closing.number, published.kind or closing.kind,
                       published.url or closing.url)


def _errata(entries: list[Any]) -> tuple[str, ...]:
    """Later publications of the question text: corrections, with their JO day."""
    found = []
    for entry in entries:
        _html, plain = html_text(_raw(entry))
        day = iso_date(dig(entry, "infoJO", "dateJO"))
        if plain:
            found.append(f"{plain} (JO du {day.strftime('%d/%m/%Y')})" if day else plain)
    return tuple(found)
