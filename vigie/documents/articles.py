"""Writing a delivery's articles: new ones inserted (those of the global flow held back until
their text is assembled: ``waiting``), changed ones updated, unchanged ones left alone, and a
JORFSIMPLE text's inline articles replacing its previous set."""

from __future__ import annotations

from vigie.documents import stored
from vigie.documents.batch_kinds import self_contained
from vigie.documents.bulk import insert_lists, update_columns
from vigie.documents.models import Article
from vigie.documents.outline import is_older
from vigie.documents.waiting import ARTICLE_COLUMNS, UID, ArticleRow, WaitingArticles
from vigie.parsing.model import ParsedArticle, ParsedText

ARTICLE_FIELDS = ["text_uid", "num", "html", "text", "eli", "delivery", "member", "position"]


class ArticleWrites:
    """The articles of one delivery (``delivery``), its new ones held in ``waiting``."""

    def __init__(self, delivery: str, waiting: WaitingArticles) -> None:
        self.delivery, self.waiting = delivery, waiting
        # Texts whose stored articles were written since the writer last emptied it (their
        # state before the delivery must be stored by then: ``befores``).
        self.written: set[str] = set()

    def replace_inline(
        self, latest: dict[str, tuple[str, ParsedText]], updated: list[str], created: list[str]
    ) -> None:
        """Inline (JORFSIMPLE) articles replace the text's previous set entirely."""
        rows = []
        for uid in updated + created:
            member, parsed = latest[uid]
            if self_contained(parsed):
                rows.extend((member, n, a, uid) for n, a in enumerate(parsed.articles, start=1))
        inline = [uid for uid in updated if latest[uid][1].flow == "jorfsimple"]
        if inline:  # article ids are unique across texts: one query drops the stale ones
            self.waiting.insert(inline)
            Article.objects.filter(text_uid__in=inline).exclude(
                article_id__in=[row[2].id for row in rows]
            ).delete()
        self.upsert(rows)

    def write(self, items: list[tuple[str, ParsedArticle]]) -> set[str]:
        """Global-flow articles (each in its own file); returns their texts, to assemble."""
        self.upsert([(m, 0, a, a.text_id) for m, a in items])
        return {a.text_id for _, a in items}

    def upsert(self, rows: list[tuple[str, int, ParsedArticle, str]]) -> None:
        """Insert the new articles (held back while they wait for their text's assembly),
        update those that changed; each row: (member, position, article, text uid)."""
        if not rows:
            return
        # (the same article met again)
        self.written |= self.waiting.insert_any(r[2].id for r in rows)
        # Plain values, not ORM objects: a re-delivery meets every article again.
        existing = stored.stored_articles(dict.fromkeys(r[2].id for r in rows))
        to_create: dict[str, ArticleRow] = {}
        to_update: list[stored.StoredArticle] = []
        for member, position, parsed, uid in rows:
            article = existing.get(parsed.id)
            if article is None:  # the common case: plain rows (ARTICLE_COLUMNS), no ORM objects
                to_create[parsed.id] = [parsed.id, uid, parsed.num, position, parsed.html,
                                        parsed.text, parsed.eli, self.delivery, member]
                continue
            if is_older(self.delivery, article.delivery):
                continue
            if article.same(uid, parsed.num, parsed.html, parsed.text, parsed.eli):
                if position and article.position != position:
                    article.position = position
                    to_update.append(article)
                    self.written.add(uid)
                continue
            self.written.update((article.text_uid, uid))  # (an article may change texts)
            article.text_uid, article.num, article.html = uid, parsed.num, parsed.html
            article.text, article.eli = parsed.text, parsed.eli
            article.delivery, article.member = self.delivery, member
            article.position = position or article.position
            to_update.append(article)
        now = self.waiting.hold(list(to_create.values()))
        self.written.update(row[UID] for row in now)
        insert_lists(Article, ARTICLE_COLUMNS, now)
        update_columns(Article, ARTICLE_FIELDS, to_update)
