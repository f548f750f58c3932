"""The words of digests and alerts: subjects, plain-text and HTML bodies, in French.

A message is composed in two layers. The ``Draft`` (subject, bodies up to the footer,
already encoded for the wire) depends only on what the reader gets, so every reader with the
same selection shares it (the composer caches drafts). The personal footer — « Pourquoi vous
recevez ce message » and the signed links — is written per message with plain string
formatting. Both parts are joins of pieces encoded once per run (``blocks``) — the items,
as ``vigie.editions.text`` and ``mailing/email/_item.html`` render them — with a few
headings (``markup``): drafts are many (readers choose their roles and themes), items few.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from vigie.editions.content import Item
from vigie.editions.models import Edition
from vigie.editions.text import NOBODY, Reader
from vigie.mailing.composing import markup
from vigie.mailing.composing.blocks import Blocks, Section
from vigie.mailing.composing.cache import LRU
from vigie.mailing.composing.mime import Segment, encode
from vigie.mailing.subscribing import links
from vigie.mailing.subscribing.profiles import Preferences, why_lines
from vigie.reference.french import french_date
from vigie.reference.places import departement_label
from vigie.reference.taxonomy import RUBRICS

SIGNATURE = "-- "  # the standard signature separator: clients fold what follows


@dataclass(frozen=True)
class Draft:
    """What readers with the same selection share, as pieces encoded for the wire."""

    subject: str
    text: tuple[bytes, ...]  # plain text before the footer
    html: tuple[bytes, ...]  # HTML before the footer
    empty: bool


def make_draft(subject: str, text: list[bytes], html: list[bytes], empty: bool) -> Draft:
    # Kept as pieces, not joined: the message is joined once, when it is assembled.
    return Draft(subject, tuple(text), (encode(markup.page_start(subject)), *html), empty)


@lru_cache(maxsize=1)
def _page_end() -> bytes:
    return encode(markup.PAGE_END)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def urgent_words(urgent: int) -> str:
    return f", dont {plural(urgent, 'urgent')}" if urgent else ""


def closing(kept: int, total: int) -> str:
    """The last line of a reader's section: what their preferences left out."""
    left = total - kept
    if left <= 0:
        return ""
    if left == 1:
        return ("1 autre texte de l'édition ne correspond pas à vos préférences : voyez "
                "l'édition complète.")
    return (f"{left} autres textes de l'édition ne correspondent pas à vos préférences : "
            "voyez l'édition complète.")


def week_words(monday: date) -> str:
    """« semaine du 13 au 19 octobre 2026 »: from the Tuesday before to the Monday."""
    first = monday - timedelta(days=6)
    last = french_date(monday)
    if (first.month, first.year) == (monday.month, monday.year):
        return f"semaine du {'1er' if first.day == 1 else first.day} au {last}"
    if first.year == monday.year:
        return f"semaine du {french_date(first).rsplit(' ', 1)[0]} au {last}"
    return f"semaine du {french_date(first)} au {last}"


def _text(parts: list[str]) -> bytes:
    return encode("\n".join(parts) + "\n")


def digest_draft(blocks: Blocks, departement: str, sections: list[Section],
                 week: date | None = None, reader: Reader = NOBODY) -> Draft:
    """The shared part of a daily digest (one section) or of the weekly one of ``week``."""
    items = [i for s in sections for i in s.content.items()]
    urgent = sum(1 for i in items if i.urgent)
    place = departement_label(departement)
    when = week_words(week) if week else french_date(sections[0].edition.date, weekday=True)
    news = (f"{plural(len(items), 'texte')} pour vous{urgent_words(urgent)}" if items
            else "rien de nouveau pour vous")
    subject = f"Vigie · {place} · {when} : {news}"
    intro = (f"{place} : {plural(len(items), 'texte')} pour vous selon vos préférences"
             f"{urgent_words(urgent)}." if items else
             f"{place} : aucun texte ne correspond à vos préférences"
             f"{' cette semaine' if week else ' aujourd’hui'}.")
    text = [_text([f"Vigie — votre résumé : {when}", intro])]
    html = [encode(markup.title(f"Votre résumé : {when}") + markup.paragraph(intro))]
    first = [(i.short_title, links.item_url(i.uid)) for i in items if i.urgent]
    if first:  # what alerts would have said, now that the digest carries them (``planner``)
        heading = ("À lire en priorité : 1 texte urgent" if len(first) == 1 else
                   f"À lire en priorité : {len(first)} textes urgents")
        text.append(_text(["", heading, *(f"  ! {title} : {url}" for title, url in first)]))
        html.append(encode(markup.priority(heading, first)))
    for s in sections:
        url = links.edition_url(s.edition.date, departement)
        text.append(_text(["", f"Édition complète ({plural(s.total, 'texte')}) : {url}", ""]))
        html.append(encode((markup.day_heading(s.edition.title) if week else "")
                           + markup.link_line(url, "Lire l'édition complète sur Vigie",
                                              f"({plural(s.total, 'texte')} pour le "
                                              "département)")))
        if any(True for _ in s.content.items()):
            text += blocks.section_text(s, reader)
        elif s.content.closing:
            text.append(_text([s.content.closing]))
        html += blocks.section_html(s, reader)
    text.append(b"\r\n")
    return make_draft(subject, text, html, not items)


def alert_draft(blocks: Blocks, departement: str, edition: Edition, item: Item,
                reader: Reader = NOBODY) -> Draft:
    """The shared part of an alert about one urgent item."""
    place = departement_label(departement)
    subject = f"Urgent · {place} : {item.short_title}"
    published = french_date(item.date_publi or edition.date, weekday=True)
    # A notice, an aid or a news item is no text of the Journal officiel.
    where = (f"au Journal officiel du {published}" if item.rubric == "jo"
             else f"le {published} ({RUBRICS.get(item.rubric, item.rubric)})")
    edition_url = links.edition_url(edition.date, departement)
    text = [_text([f"Alerte Vigie — {place}", f"Texte urgent publié {where}.", ""]),
            blocks.item_text(edition, item, reader),
            _text([f"Édition complète : {edition_url}", ""])]
    html = [encode(markup.title(f"Alerte : un texte urgent pour {place}", "#ce0500")
                   + markup.paragraph(f"Publié {where}.")),
            blocks.item_html(edition, item, reader),
            encode(markup.link_line(edition_url, "Lire l'édition complète sur Vigie"))]
    return make_draft(subject, text, html, empty=False)


_WHY = LRU(4096)
_WHY_HTML = ('<div style="margin-top:32px;padding-top:16px;border-top:1px solid #dddddd;'
             'color:#3a3a3a;font-size:14px;line-height:1.5">\n'
             '<h2 style="font-size:16px;margin:0 0 8px 0;color:#161616">'
             "Pourquoi vous recevez ce message</h2>\n")


def _why(profile: Preferences) -> tuple[bytes, bytes]:
    """« Pourquoi vous recevez ce message », plain and HTML, encoded once per profile."""
    def make() -> tuple[bytes, bytes]:
        why = why_lines(profile)
        text = "\n".join([SIGNATURE, "Pourquoi vous recevez ce message", *why, ""])
        markup_ = _WHY_HTML + "".join(f'<p style="margin:0 0 4px 0">{html.escape(line)}</p>\n'
                                      for line in why)
        return encode(text), encode(markup_)
    return _WHY.get(profile, make)


def footer(profile: Preferences, holder: links.Holder) -> tuple[list[Segment | bytes],
                                                        list[Segment | bytes], str]:
    """(plain pieces, HTML pieces, unsubscribe address) of one reader's footer."""
    why_text, why_html = _why(profile)
    manage, leave = links.manage_url(holder), links.unsubscribe_url(holder)
    text = (f"Gérer mes préférences, exporter ou supprimer mes données : {manage}\n"
            f"Se désabonner en un clic : {leave}\n")
    markup_ = (f'<p style="margin:12px 0 0 0"><a href="{manage}" style="color:#000091">Gérer '
               "mes préférences, exporter ou supprimer mes données</a></p>\n"
               f'<p style="margin:4px 0 0 0"><a href="{leave}" style="color:#000091">'
               "Se désabonner en un clic</a></p>\n</div>\n")
    return [why_text, Segment(text)], [why_html, Segment(markup_)], leave


def personal(draft: Draft, profile: Preferences, holder: links.Holder
             ) -> tuple[list[Segment | bytes], list[Segment | bytes], str]:
    """The plain and HTML pieces of one reader's message, and its unsubscribe address."""
    text_footer, html_footer, leave = footer(profile, holder)
    return ([*draft.text, *text_footer], [*draft.html, *html_footer, _page_end()], leave)
