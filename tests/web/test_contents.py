"""The « Dans cette édition » panel: each rubric once, its themes under it, every link to a
section of the page (a theme present in two rubrics is not listed twice side by side)."""

from __future__ import annotations

import io
import re
from collections import Counter
from contextlib import redirect_stdout

import pytest

pytestmark = pytest.mark.django_db

_PANEL = re.compile(r'<nav class="panel" aria-labelledby="sommaire-edition">(.*?)</nav>', re.S)


def test_contents_group_themes_under_their_rubric(client, ingested_demo):
    from vigie.cli import main
    from vigie.commands.demo import sample_parlement

    with redirect_stdout(io.StringIO()):  # the demo's Parliament rubrics beside the JO
        assert main(["ingest", *map(str, sample_parlement())]) == 0
    response = client.get("/edition/2026-10-14/18/")
    assert response.status_code == 200
    html = response.content.decode()
    panel = _PANEL.search(html).group(1)
    rubrics = re.findall(r'class="toc__rubric" href="#r-([\w-]+)">([^<]+)</a>', panel)
    assert len(rubrics) >= 2, panel  # the demo's Cher: Journal officiel, Parlement…
    assert len({slug for slug, _ in rubrics}) == len(rubrics)
    assert [label for _, label in rubrics][0] == "Journal officiel"
    targets = re.findall(r'href="#([\w-]+)"', panel)
    assert Counter(targets).most_common(1)[0][1] == 1, targets  # no link twice
    for target in targets:  # every link leads to a section of the page
        assert f'id="{target}"' in html, target
    for slug, _ in rubrics:  # each theme listed under the rubric it belongs to
        block = panel.split(f'href="#r-{slug}"', 1)[1].split("</ul>", 1)[0]
        assert all(t.startswith(f"th-{slug}-") for t in re.findall(r'href="#([\w-]+)"', block))
