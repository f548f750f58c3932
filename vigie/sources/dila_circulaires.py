"""The DILA's CIRCULAIRES fund on its open-data server: which archives it publishes, in order.

This module owns the fund's layout under ``{VIGIE_DILA_BASE_URL}CIRCULAIRES/``:

* the flow, ``FLUX/<AAAA>/`` and ``FLUX/Annee_en_cours/``, archives named
  ``circulaire_<jj><mm><aa><hh>h<mm>.tar.gz`` (day first: « circulaire_02112610h15 » is
  2 November 2026 at 10:15), creations and updates of circulaires;
* the frozen yearly stocks ``xml/<AAAA>_xml.tar.gz`` (2009 to 2014), listed only when asked
  for by a ``since`` in or before their year (a first run without one reads the flow only);
* the frozen list of abrogated circulaires ``txt/abroge_txt.tar`` (2013 to January 2015),
  listed with the stocks, read after them and before the flow.

Each archive gets a stamp « 20261102-1015 » (a stock « 20120000-0000 », before every archive
of its year; the list of abrogations « 20150000-0000 », after every stock and before the
flow of 2015, from its last month) that orders them and serves as the sync's watermark: once
read, neither a stock nor the list is fetched again. Name order would put
« circulaire_0111… » (1 November) before « circulaire_3110… » (31 October) of the year
before. Downloading is :func:`vigie.sources.dila.download`'s, listing pages
:func:`vigie.sources.dila.fetch_listing`'s: one HTTP client for every DILA fund.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from datetime import date
from urllib.parse import urljoin

import httpx

from .circulaire_names import archive_stamp, is_abrogations_name
from .dila import RemoteDelivery, Sleep, SourceError, fetch_listing
from .http import client_or_own
from .listing import ListingError, parse_folders, parse_listing

FUND, FLOW, STOCKS, TEXTS = "CIRCULAIRES/", "FLUX/", "xml/", "txt/"
CURRENT_YEAR = "Annee_en_cours"
LAST_STOCK = 2014  # the stocks are frozen: a since after it does not even list them
_YEAR = re.compile(r"\d{4}")
Page = Callable[[str], str]  # a listing's address → its HTML


def fund_url(base_url: str) -> str:
    """``{base_url}CIRCULAIRES/``."""
    return urljoin(base_url.rstrip("/") + "/", FUND)


def list_circulaire_deliveries(
    base_url: str,
    *,
    since: date | None = None,
    after: str = "",
    client: httpx.Client | None = None,
    timeout: float = 30.0,
    retries: int = 2,
    backoff: float = 1.0,
    sleep: Sleep = time.sleep,
) -> list[RemoteDelivery]:
    """The fund's archives later than the stamp ``after`` (a watermark) and not before
    ``since``, oldest first; the stocks only when ``since`` falls in or before their year,
    the list of abrogations with them. Year folders before both bounds are not even
    listed."""
    root = fund_url(base_url)
    floor = max(after, since.strftime("%Y%m%d") if since else "")
    with client_or_own(client, timeout) as http:
        def page(url: str) -> str:
            return fetch_listing(http, url, retries, backoff, sleep)

        found = _flow(page, urljoin(root, FLOW), floor[:4])
        if since is not None and since.year <= LAST_STOCK:
            found += [r for r in _archives(page, urljoin(root, STOCKS))
                      if r.stamp[:4] >= str(since.year)]
            found += _abrogations(page, urljoin(root, TEXTS))
    todo = {r.name: r for r in found if r.stamp > after and (r.stamp >= floor or
                                                             r.stamp.endswith("0000-0000"))}
    return sorted(todo.values(), key=lambda r: (r.stamp, r.name))


def _flow(page: Page, flow_url: str, first_year: str) -> list[RemoteDelivery]:
    """The archives of the year folders from ``first_year`` on, and of the current year's."""
    html = page(flow_url)
    try:
        folders = parse_folders(html, flow_url)
    except ListingError as error:
        raise SourceError(str(error)) from None
    years = [f for f in folders if (_YEAR.fullmatch(f) and f >= first_year)
             or f.lower() == CURRENT_YEAR.lower()]
    found: list[RemoteDelivery] = []
    for folder in years:
        found += _archives(page, urljoin(flow_url, folder + "/"))
    return found


def _abrogations(page: Page, url: str) -> list[RemoteDelivery]:
    """The list of abrogations in the folder ``url``; none when the server has no such
    folder (404: the fund's layout there comes from a reconnaissance not checked on the
    server — the stocks are read all the same); any other failure stops the run, as for
    the stocks, so that the list is not passed by the watermark unread."""
    try:
        return [r for r in _archives(page, url) if is_abrogations_name(r.name)]
    except SourceError as error:
        if error.status == 404:
            return []
        raise


def _archives(page: Page, url: str) -> list[RemoteDelivery]:
    """The flow archives, stocks and list of abrogations that the listing at ``url`` links
    to."""
    try:
        entries = parse_listing(page(url), url)
    except ListingError as error:
        raise SourceError(str(error)) from None
    return [RemoteDelivery(e.name, e.url, "circulaires", stamp, e.size)
            for e in entries if (stamp := archive_stamp(e.name))]
