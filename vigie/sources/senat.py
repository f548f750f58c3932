"""Where the Sénat publishes its open data and its dossier pages.

``VIGIE_SENAT_BASE_URL`` (by default ``https://data.senat.fr/``) holds the questions base, a
PostgreSQL dump republished whole (``data/questions/questions.zip``), and the list of
legislative dossiers (``data/dosleg/dossiers-legislatifs.csv``). Each dossier's page is on
``VIGIE_SENAT_SITE_URL`` (by default ``https://www.senat.fr/``) at
``dossier-legislatif/<id>.html``. This module only names them.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from .assemblee import RemoteFile

DEFAULT_BASE_URL = "https://data.senat.fr/"
DEFAULT_SITE_URL = "https://www.senat.fr/"
QUESTIONS_PATH = "data/questions/questions.zip"
DOSSIERS_LIST_PATH = "data/dosleg/dossiers-legislatifs.csv"
_DOSSIER_ID = re.compile(r"^[a-z]{3,5}\d{2}-\d{1,4}[a-z]?$")


def _root(url: str) -> str:
    return url.rstrip("/") + "/"


def questions_file(base_url: str) -> RemoteFile:
    return RemoteFile("senat-questions", "senat_questions.zip",
                      urljoin(_root(base_url), QUESTIONS_PATH))


def dossiers_list(base_url: str) -> RemoteFile:
    return RemoteFile("senat-dossiers-liste", "senat_dossiers-legislatifs.csv",
                      urljoin(_root(base_url), DOSSIERS_LIST_PATH))


def dossier_page(site_url: str, ident: str) -> RemoteFile:
    """The page of dossier ``ident`` (``pjl07-488``); a malformed id is refused."""
    if not _DOSSIER_ID.match(ident):
        raise ValueError(f"identifiant de dossier du Sénat invalide : « {ident} »")
    return RemoteFile(f"senat-dossier-{ident}", f"senat_{ident}.html",
                      urljoin(_root(site_url), f"dossier-legislatif/{ident}.html"))
