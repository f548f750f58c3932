"""Where the Assemblée nationale publishes its open data, for one legislature.

The Assemblée republishes each dataset as one zip archive under a fixed address
(``VIGIE_AN_BASE_URL``, by default ``https://data.assemblee-nationale.fr/static/openData/
repository/``, then ``<legislature>/…``): written questions, government questions, oral
questions, legislative dossiers. This module only names them; :mod:`vigie.sources.fetch`
downloads them when they changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

DEFAULT_BASE_URL = "https://data.assemblee-nationale.fr/static/openData/repository/"
DEFAULT_LEGISLATURE = "17"
# Dataset → path under ``<base>/<legislature>/``.
DATASETS = {
    "questions_ecrites": "questions/questions_ecrites/Questions_ecrites.json.zip",
    "questions_gouvernement": "questions/questions_gouvernement/Questions_gouvernement.json.zip",
    "questions_orales": "questions/questions_orales_sans_debat/"
                        "Questions_orales_sans_debat.json.zip",
    "dossiers": "loi/dossiers_legislatifs/Dossiers_Legislatifs.json.zip",
}


@dataclass(frozen=True)
class RemoteFile:
    """A file published under a fixed address; ``key`` names its watermark."""

    key: str
    name: str  # the local file name
    url: str


def an_files(base_url: str, legislature: str) -> list[RemoteFile]:
    """The Assemblée archives of ``legislature``, questions first, then dossiers."""
    root = urljoin(base_url.rstrip("/") + "/", f"{legislature}/")
    return [
        RemoteFile(f"an-{legislature}-{dataset}",
                   f"AN{legislature}_{path.rsplit('/', 1)[-1]}", urljoin(root, path))
        for dataset, path in DATASETS.items()
    ]
