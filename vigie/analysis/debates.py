"""The record of a question au Gouvernement, read as turns of speech: what was asked, and what
the minister said that a reader can take away.

The Assemblée publishes a question au Gouvernement as the record of the sitting: the chair
gives the floor (« Mme la présidente. La parole est à … »), the member asks, other members
interject (« M. Pierre Cordier. Quelle majorité ? »), the minister answers, often cut by
interjections and applause, and the member may reply. Each turn opens a line with its
speaker (« M. Éric Dupond-Moretti, garde des sceaux, ministre de la justice. », then
« M. Éric Dupond-Moretti, garde des sceaux. » when he goes on); the record marks a sentence
cut by an interjection with « … » at the cut and at the resumption.

What a sentence does decides whether it can be an essential, never its words:
- stage directions (« (Applaudissements sur les bancs du groupe RN.) », « (Exclamations…) »),
  the chair's words and the other members' interjections are not the minister's answer;
- a sentence cut by an interjection is joined again to its end; one cut for good (« … » and
  no resumption) says nothing whole;
- an exclamation (« Mais nous en discutons depuis des années ! ») or a question is rhetoric;
  a short question the speaker answers himself (« Que disent-elles ? Que le système … ») is
  kept with its answer;
- a salutation or thanks (« Je vous remercie, monsieur le député »), a remark addressed to a
  person by name (« Madame Le Pen, … ») or about the opponent (« Vous estimez que … »:
  second person as the subject, or twice), and a sentence about the speech itself (« je vais
  vous redonner les grandes lignes », « Voilà les chiffres ») state no policy.
Among what is left, the Government's commitments (« nous veillerons à adapter … », « nous
allons agir ») come first, then figures and forecasts (« 1 500 magistrats », « le déficit
atteindra … »), then the minister's first statements; shown in the record's order.

The question is the last question the member put to a minister before the answer (else the
longest), without its salutation (« Madame la Première ministre, »). Pure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vigie.analysis.essentials import sentences

_MAX_POSITION = 3
# A speaker at the start of a line: « M. Prénom Nom », « Mme la présidente », « M. le
# ministre », with a function after a comma (« , garde des sceaux, ministre de la justice »),
# or a member of a group (« Un député du groupe RN »); then a full stop (« ministre . » too).
_NAME = (r"[A-ZÀ-Ý][\w'’-]*(?:\s(?:[A-ZÀ-Ý][\w'’-]*|d['’][A-ZÀ-Ý][\w'’-]*|de|du|des|la|le|"
         r"van|von))*")
_ROLE = (r"(?:le|la)\s(?:président|présidente|ministre|garde|secrétaire|rapporteur|"
         r"rapporteure|Premier|Première)[^.!?«»()\n]{0,120}?")
_LABEL = re.compile(
    rf"^((?:(?:M\.|Mme|MM\.|Mmes)\s(?:{_ROLE}|{_NAME})(?:,[^.!?«»()\n]{{1,200}}?)?)|"
    r"(?:Un|Une|Plusieurs|Des|De nombreux|Quelques)\s(?:députée?s?|membres?|sénat\w+)"
    r"[^.!?«»()\n]{0,80}?)\s?\.(?:[ \t]+|$)", re.MULTILINE)
_CHAIR = re.compile(r"^(?:m\.|mme) (?:le |la )?présidente?$")
_MINISTER = re.compile(r"\b(?:ministre|garde des sceaux|secrétaire d['’][ée]tat)\b", re.I)
# A stage direction of the record: parentheses that speak of the benches, open on a reaction,
# or hold a sentence of their own (« (Mme Caroline Parmentier applaudit également.) »);
# not an acronym or an aside (« (COR) », « (OQTF) »).
_STAGE = re.compile(
    r"\s*\((?:[^()]*\bbancs\b[^()]*|\s*(?:«[^»]*»\s*)?(?:et\s+)?(?:Applaudissements|"
    r"Exclamations|Protestations|Sourires|Rires|Murmures|Huées|Brouhaha|Mouvements|"
    r"Interruptions|Vives?|Vifs?|Nouvelles|Quelques|Plusieurs)\b[^()]*|[^()]*\.\s*)\)")
_VOCATIVE = re.compile(r"(?:^|(?<=, ))(?:[Mm]adame|[Mm]onsieur|[Mm]esdames|[Mm]essieurs)\b"
                       r"[^,?!.;:]{0,80}?,\s*")
_LAST_VOCATIVE = re.compile(r",\s*(?:[Mm]adame|[Mm]onsieur)\b[^,?!.;:]{0,80}?(?=\s*[?!.]$)")
_BY_NAME = re.compile(r"\b[Mm](?:adame|onsieur)(?: l[ae] (?:présidente?|députée?))? "
                      r"[A-ZÀ-Ý][a-zà-ÿ]")
_POLITE = re.compile(r"^(?:Je vous remercie|Je remercie|Merci|Permettez-moi|Je tiens à "
                     r"(?:vous )?remercier|Je salue|Bravo)\b", re.IGNORECASE)
_TO_YOU = re.compile(r"^(?:(?:or|mais|et|enfin|alors|donc|pourtant|oui|non)\b,?\s+)?"
                     r"(?:vous|votre|vos)\b")
_YOU = frozenset(("vous", "votre", "vos"))
# Read on the lower-cased sentence, from the literal « je » (the engine jumps from one to the
# next instead of trying the pattern at every character).
_ABOUT_SPEECH = re.compile(
    r"j(?<!\wj)e (?:vais |veux |voudrais |souhaiterais |tiens à |me permets de )?"
    r"(?:vous |lui |leur |le |l['’])*(?:re)?(?:dire|dis|donner|redonner|rappeler|rappelle|"
    r"préciser|précise|affiner|répondre|réponds|confirmer|confirme)\b")
# The Government's commitment: « nous » with a future (« veillerons », « poursuivrons »,
# « mettrons », « ferons ») or « nous allons », or the aim it states (« mon ambition est
# d'étendre … »).
_OUR_FUTURE = ("erons", "rrons", "irons", "drons", "vrons", "ttrons", "crons", "prons",
               "aurons")
_AIM = re.compile(r"(?:notre|mon|ma|l['’]) (?:ambition|objectif|priorité) (?:est|sera) d")
# A forecast: a verb in the future (« atteindra », « bénéficieront », « sera »), or « va » /
# « vont » (« va baisser »).
_FUTURE = ("era", "eront", "ira", "iront", "dra", "dront", "rra", "rront", "aura", "auront")
_SOON = frozenset(("va", "vont"))
# A sentence that leans on the one before: its subject is a pronoun (« Ciblant les ménages
# modestes, elles bénéficieront … »), not the impersonal « il y a », « il faut », « il s'agit ».
_LEANS = re.compile(r"(?:^|,\s)(?:ils?|elles?|cela)\s(?!y a\b|faut\b|s['’]agit\b)")
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class Turn:
    """One speaker's turn: who (« m. éric dupond-moretti », the name without the function),
    whether the chair or a minister speaks, and what was said, stage directions left out."""

    who: str
    chair: bool
    minister: bool
    text: str


def turns(record: str) -> tuple[Turn, ...]:
    """The turns of a debate's record; () when no line opens on a speaker."""
    found: list[Turn] = []
    for line in record.splitlines():
        label = _LABEL.match(line)
        if label:
            who = " ".join(label.group(1).split(",")[0].split()).lower()
            found.append(Turn(who, bool(_CHAIR.match(who)), bool(_MINISTER.search(
                label.group(1))), _spoken(line[label.end():])))
        elif found and line.strip():
            last = found[-1]
            found[-1] = Turn(last.who, last.chair, last.minister,
                             f"{last.text}\n{_spoken(line)}")
    return tuple(found)


def _spoken(line: str) -> str:
    """A line of the record without its stage directions."""
    return (_STAGE.sub("", line) if "(" in line else line).strip()


def answered(said: tuple[Turn, ...]) -> bool:
    """Whether a minister answers someone in the record (else it is read as a written
    answer: one line opening on « M. le ministre … . » makes no debate)."""
    return (any(t.minister and not t.chair for t in said)
            and len({t.who for t in said}) >= 2)


def asked(said: tuple[Turn, ...], author: str) -> str:
    """What the member asked the minister, in one sentence without its salutation; ""
    when they asked nothing before the answer."""
    asker = " ".join(author.split()).lower()
    questions: list[str] = []
    for turn in said:
        if turn.minister and not turn.chair:
            break
        asker = asker or ("" if turn.chair else turn.who)
        if turn.who == asker:
            questions += [s for s in sentences(turn.text) if s.endswith("?")
                          and len(s.split()) >= 4]
    if not questions:
        return ""
    put = [s for s in questions if _MINISTER.search(s)]
    return _without_salutation(put[-1] if put else max(questions, key=len))


def _without_salutation(sentence: str) -> str:
    """« Madame la Première ministre, en attendant, pouvez-vous … ? » → « En attendant,
    pouvez-vous … ? »; « Dans ces conditions, monsieur le ministre délégué, êtes-vous … »
    → « Dans ces conditions, êtes-vous … »."""
    bare = _LAST_VOCATIVE.sub("", _VOCATIVE.sub("", sentence))
    return bare[:1].upper() + bare[1:] if len(bare.split()) >= 3 else sentence


def position(said: tuple[Turn, ...]) -> tuple[str, ...]:
    """Up to three statements of the minister's answer (see the module's docstring)."""
    statements = [_without_salutation(s) if _VOCATIVE.match(s) else s
                  for s in _minister_sentences(said) if _states(s)]
    ranked = sorted(range(len(statements)), key=lambda n: (-_weight(statements[n]), n))
    chosen = [n for n in ranked[:_MAX_POSITION] if _weight(statements[n])]
    chosen += [n for n in range(len(statements)) if n not in chosen][:max(0, 2 - len(chosen))]
    return tuple(statements[n] for n in sorted(chosen))


def _minister_sentences(said: tuple[Turn, ...]) -> list[str]:
    """The minister's sentences, in order: cut ones joined again, a short question the
    minister answers kept with its answer."""
    minister = next((t.who for t in said if t.minister and not t.chair), None)
    spoken: list[str] = []
    for turn in said:
        if turn.who != minister:
            continue
        own = sentences(turn.text)
        if spoken and own and spoken[-1].endswith("…") and own[0].startswith("…"):
            spoken[-1] = f"{spoken[-1].rstrip('…').rstrip()} {own.pop(0).lstrip('…').lstrip()}"
        spoken += own
    joined: list[str] = []
    for sentence in spoken:
        if joined and joined[-1].endswith("?") and len(joined[-1].split()) <= 5:
            joined[-1] = f"{joined[-1]} {sentence}"
        else:
            joined.append(sentence)
    return joined


def _states(sentence: str) -> bool:
    """Whether a sentence of the answer states something a reader can take away."""
    if sentence.endswith(("!", "?", "…", "...", ":")) or len(sentence.split()) < 6:
        return False
    lowered = sentence.lower()
    if _POLITE.match(sentence) or lowered.startswith("voilà") or _ABOUT_SPEECH.search(lowered):
        return False
    addressed = "adame " in lowered or "onsieur " in lowered
    if addressed and _BY_NAME.search(sentence):
        return False
    bare = _VOCATIVE.sub("", sentence, count=1).lower() if addressed else lowered
    return not (_TO_YOU.match(bare) or sum(w in _YOU for w in _WORD.findall(lowered)) >= 2)


def _weight(sentence: str) -> int:
    """2: the Government commits itself; 1: a figure or a forecast that stands on its own;
    0: any other statement."""
    lowered = sentence.lower()
    words = _WORD.findall(lowered)
    if "nous" in words and (any(w.endswith(_OUR_FUTURE) for w in words)
                            or "allons" in words[:-1]):
        return 2
    if _AIM.search(lowered):
        return 2
    forecast = any(c.isdigit() for c in sentence) or any(
        w.endswith(_FUTURE) or w in _SOON for w in words)
    return 1 if forecast and not _LEANS.search(lowered) else 0
