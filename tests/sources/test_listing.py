"""Tests of vigie.sources.listing: Apache and nginx directory listings."""

from __future__ import annotations

import pytest

from vigie.sources.listing import ListingEntry, ListingError, parse_listing

BASE = "https://echanges.dila.gouv.fr/OPENDATA/JORF/"

NGINX = """<html><head><title>Index of /OPENDATA/JORF/</title></head><body>
<h1>Index of /OPENDATA/JORF/</h1><hr><pre><a href="../">../</a>
<a href="archives/">archives/</a>                         01-Jan-2026 10:00       -
<a href="Freemium_jorf_global_20231011-100000.tar.gz">Freemium&gt;</a> 11-Oct-2023 10:00 4823449600
<a href="JORF_20260921-220149.tar.gz">JORF_20260921-220149.tar.gz</a>  21-Sep-2026 22:05  1234567
</pre><hr></body></html>
"""

APACHE = """<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html><head><title>Index of /OPENDATA/JORF</title></head><body><h1>Index of /OPENDATA/JORF</h1>
<table>
<tr><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th>
<th><a href="?C=S;O=A">Size</a></th><th><a href="?C=D;O=A">Description</a></th></tr>
<tr><td><a href="/OPENDATA/">Parent Directory</a></td><td>&nbsp;</td><td align="right"> - </td></tr>
<tr><td><a href="JORF_20260920-010203.tar.gz">JORF_20260920-010203.tar.gz</a></td>
<td align="right">2026-09-20 01:02  </td><td align="right">1.2M</td><td>&nbsp;</td></tr>
<tr><td><a href="/OPENDATA/JORF/JORF%5F20260921-220149.tar.gz">JORF_20260921-220149.tar.gz</a></td>
<td align="right">2026-09-21 22:05  </td><td align="right">812</td><td>&nbsp;</td></tr>
</table></body></html>
"""


def test_nginx_listing_with_exact_sizes() -> None:
    entries = parse_listing(NGINX, BASE)
    assert entries == [
        ListingEntry(
            "Freemium_jorf_global_20231011-100000.tar.gz",
            BASE + "Freemium_jorf_global_20231011-100000.tar.gz",
            4823449600,
        ),
        ListingEntry("JORF_20260921-220149.tar.gz", BASE + "JORF_20260921-220149.tar.gz", 1234567),
    ]


def test_apache_listing_rounded_sizes_are_unknown() -> None:
    entries = parse_listing(APACHE, BASE)
    assert [(e.name, e.size) for e in entries] == [
        ("JORF_20260920-010203.tar.gz", None),
        ("JORF_20260921-220149.tar.gz", 812),
    ]
    assert entries[1].url == "https://echanges.dila.gouv.fr/OPENDATA/JORF/JORF%5F20260921-220149.tar.gz"


def test_links_without_size_column() -> None:
    html = '<ul><li><a href="JORF_20260921-220149.tar.gz">x</a></li></ul>'
    assert parse_listing(html, BASE) == [
        ListingEntry("JORF_20260921-220149.tar.gz", BASE + "JORF_20260921-220149.tar.gz", None)
    ]


@pytest.mark.parametrize("html", ["", "Service temporairement indisponible", "<html><p>x</p>"])
def test_page_without_links_is_an_error(html: str) -> None:
    with pytest.raises(ListingError, match="n'est pas une liste de fichiers"):
        parse_listing(html, BASE)
