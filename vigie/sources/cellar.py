"""Cellar, the Publications Office's repository of EU law, through its public interfaces that
need no account: the SPARQL endpoint lists the acts published in the Official Journal in a
span of days; the REST interface gives one act's « object » notice in XML, that of its work
(the act: identifiers, dates, classification) or that of one of its expressions (the act in
one language: its title).

- ``GET <VIGIE_CELLAR_SPARQL_URL>?query=…&format=application/sparql-results+json``: the
  query (``listing_query``) keeps the works whose CELEX number opens on 3 (sector 3,
  legislation) and whose ``cdm:official-journal-act_date_publication`` falls in the span,
  ordered by day and number, at most ``limit`` rows.
- ``GET <VIGIE_CELLAR_URL>/celex/<CELEX>`` (the work) and ``…/celex/<CELEX>.FRA`` (its French
  expression), ``Accept: application/xml;notice=object``: Cellar answers by content
  negotiation, through redirects (followed) to the resource's own address.

Redirects are followed on the host asked, or to a public address, never to another host of
the machine or of its network (``cellar_client``, ``public.refuse_private``): Cellar's own
redirect (303) stays on its host, and a redirect to ``127.0.0.1:6379`` or to the cloud's
metadata service would have Vigie store, perhaps publish, what that server answered. Refused
at once, not asked again (it would be refused again).

Only bytes come out of here (``vigie.parsing.cellar_listing`` reads the listing,
``vigie.parsing.cellar`` the notices). Failures are French ``SourceError``: a notice Cellar
does not have (404) is ``NoticeMissing``; a busy or failing server (429, 5xx) and the
network are tried again with growing delays, then given up (``GaveUp``); an answer is read up
to the caller's limit, no further (``AnswerTooBig``).

Written from the Publications Office's documentation of Cellar and from public projects that
query it (see the README, « Union européenne »); the network is closed where Vigie was written:
the live endpoint's answers were never seen here.
"""

from __future__ import annotations

import time
from datetime import date

import httpx

from .http import Sleep, SourceError, make_client, user_agent
from .members import MAX_FILE_BYTES, megabytes
from .patient_get import Asked, get_whole
from .public import ONLY_PUBLIC, REFUSAL, refuse_private

SPARQL_JSON = "application/sparql-results+json"
OBJECT_NOTICE = "application/xml;notice=object"
LISTING_BYTES = 8 * 1024 * 1024  # a listing of a thousand rows weighs about 300 ko
FRENCH = "FRA"
_OFF_HOST = ("une redirection de Cellar n'est suivie que vers une adresse publique ou vers "
             "l'hôte demandé")
_PREFIXES = ("PREFIX cdm: <http://publications.europa.eu/ontology/cdm#>\n"
             "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n")


class NoticeMissing(SourceError):
    """Cellar has no notice at that address (404): no French expression, or no such act."""


class AnswerTooBig(SourceError):
    """An answer larger than the caller reads: asked again, it would be as large."""


def cellar_client() -> httpx.Client:
    """Vigie's client (``make_client``), whose redirects leave the host asked only for a
    public address (``public.refuse_private``): Cellar's own redirects stay on its host."""
    client = make_client()
    client.event_hooks = {"request": [refuse_private], "response": []}
    return client


def listing_query(start: date, end: date, limit: int) -> str:
    """The SPARQL query of the acts of law (CELEX sector 3) published in the Official Journal
    from ``start`` to ``end`` (both included), in order, at most ``limit``."""
    return (_PREFIXES +
            "SELECT DISTINCT ?celex ?date WHERE {\n"
            "  ?work cdm:resource_legal_id_celex ?celex ;\n"
            "        cdm:official-journal-act_date_publication ?date .\n"
            '  FILTER(STRSTARTS(STR(?celex), "3"))\n'
            f'  FILTER(?date >= "{start.isoformat()}"^^xsd:date && '
            f'?date <= "{end.isoformat()}"^^xsd:date)\n'
            "}\nORDER BY ?date ?celex\n"
            f"LIMIT {int(limit)}\n")


def list_acts(client: httpx.Client, url: str, start: date, end: date, *, limit: int,
              retries: int = 2, backoff: float = 1.0, sleep: Sleep = time.sleep) -> bytes:
    """The SPARQL endpoint's answer (JSON) listing the acts published from ``start`` to
    ``end``; raises ``SourceError`` (``GaveUp`` after ``retries`` failed attempts)."""
    params = {"query": listing_query(start, end, limit), "format": SPARQL_JSON}
    return _get(client, url, params, SPARQL_JSON, "la liste des actes (SPARQL)",
                retries=retries, backoff=backoff, sleep=sleep, max_bytes=LISTING_BYTES)


def notice_url(base_url: str, celex: str, language: str = "") -> str:
    """``<base>/celex/32019L0904`` (the work), ``…/celex/32019L0904.FRA`` (an expression)."""
    return f"{base_url.rstrip('/')}/celex/{celex}" + (f".{language}" if language else "")


def fetch_notice(client: httpx.Client, base_url: str, celex: str, language: str = "", *,
                 retries: int = 2, backoff: float = 1.0, sleep: Sleep = time.sleep,
                 max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The object notice of an act's work (or of its expression in ``language``, « FRA »);
    raises ``NoticeMissing`` (404), ``AnswerTooBig``, ``GaveUp`` or ``SourceError``."""
    what = f"la notice de l'acte {celex}" + (f" ({language})" if language else "")
    return _get(client, notice_url(base_url, celex, language), None, OBJECT_NOTICE, what,
                retries=retries, backoff=backoff, sleep=sleep, max_bytes=max_bytes)


def _get(client: httpx.Client, url: str, params: dict | None, accept: str, what: str, *,
         retries: int, backoff: float, sleep: Sleep, max_bytes: int) -> bytes:
    """The body of a GET, read up to ``max_bytes``; asked again while the server is busy or
    unreachable, at most ``retries`` more times."""
    asked = Asked(
        url, params, {"Accept": accept, "User-Agent": user_agent(client)},
        refuse=lambda response: _refused(response, what),
        too_big=lambda _read: AnswerTooBig(f"Cellar : {what} dépasse {megabytes(max_bytes)}."),
        gave_up=lambda failures, reason: (f"Cellar : {what} abandonnée après {failures} "
                                          f"échec(s) consécutif(s) : {reason}."),
        options={"extensions": {ONLY_PUBLIC: url, REFUSAL: _OFF_HOST}})
    return get_whole(client, asked, max_bytes=max_bytes, retries=retries, backoff=backoff,
                     sleep=sleep)


def _refused(response: httpx.Response, what: str) -> None:
    """Raise the French error of an answer not worth asking again (429 and 5xx are)."""
    status = response.status_code
    if status == 429 or status >= 500:
        return
    if status in (404, 410):
        raise NoticeMissing(f"Cellar n'a pas {what} (HTTP {status}).", status)
    raise SourceError(f"Cellar a répondu HTTP {status} pour {what} : demande refusée "
                      "(adresses VIGIE_CELLAR_SPARQL_URL et VIGIE_CELLAR_URL à vérifier).",
                      status)
