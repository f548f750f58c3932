"""Tests of vigie.sources.dila against a real local HTTP server (see dila_server.py)."""

from __future__ import annotations

import io
import os
import socket
import sys
from pathlib import Path

import httpx
import pytest

from vigie.sources.dila import (
    USER_AGENT,
    RemoteDelivery,
    SourceError,
    download,
    flow_url,
    list_deliveries,
)
from vigie.sources.fetch import fetch

from .dila_server import DilaServer
from .tarballs import tarball_bytes

NAME = "JORF_20260921-220149.tar.gz"
PATH = f"JORF/{NAME}"


def _archive(count: int = 40) -> bytes:
    # Random hex keeps the archive large enough (tens of kB) to be cut mid-way.
    members = {f"{i:03}.xml": f"<T>{os.urandom(400).hex()}</T>" for i in range(count)}
    return tarball_bytes(members)


def _remote(server: DilaServer, size: int | None) -> RemoteDelivery:
    return RemoteDelivery(NAME, server.url(PATH), "jorf", "20260921-220149", size)


def _fetch(remote: RemoteDelivery, dest: Path, sleeps: list[float], **kwargs: object) -> Path:
    return download(remote, dest, progress=False, sleep=sleeps.append, **kwargs)  # type: ignore[arg-type]


# --- listing ---------------------------------------------------------------------------------


def test_listing_keeps_daily_deliveries_of_the_flow_sorted(dila_server: DilaServer) -> None:
    names = [
        "JORF_20260921-220149.tar.gz", "Freemium_jorf_global_20231011-100000.tar.gz",
        "JORF_20260920-010203.tar.gz", "JORFSIMPLE_20260921-220149.tar.gz", "LICENCE.txt",
        "JORF_20260921-010101.tar.gz.md5", "JORF_20260919-230000.tar.gz",
    ]
    links = "\n".join(f'<a href="{name}">{name}</a>' for name in names)
    dila_server.listings["JORF/"] = f"<html><body><pre>{links}</pre></body></html>"
    deliveries = list_deliveries(dila_server.base_url, "jorf")
    assert [d.stamp for d in deliveries] == [
        "20260919-230000", "20260920-010203", "20260921-220149",
    ]
    assert deliveries[-1] == RemoteDelivery(
        NAME, dila_server.url(PATH), "jorf", "20260921-220149", None
    )
    assert dila_server.requests_for("JORF/")[0].headers["user-agent"] == USER_AGENT


@pytest.mark.parametrize(("style", "size"), [("nginx", 1234), ("apache", None)])
def test_generated_listing_of_jorfsimple(style: str, size: int | None) -> None:
    with DilaServer(listing_style=style) as server:
        server.add("JORFSIMPLE/JORFSIMPLE_20260921-220149.tar.gz", b"x" * 1234)
        server.add("JORFSIMPLE/Freemium_jorfsimple_20231011-100000.tar.gz", b"x")
        server.add("JORF/JORF_20260921-220149.tar.gz", b"x")
        deliveries = list_deliveries(server.base_url.rstrip("/"), "jorfsimple")
    assert [(d.name, d.flow, d.size) for d in deliveries] == [
        ("JORFSIMPLE_20260921-220149.tar.gz", "jorfsimple", size)
    ]


def test_listing_errors_are_french_source_errors(dila_server: DilaServer) -> None:
    with pytest.raises(SourceError, match="inaccessible .réponse HTTP 404"):
        list_deliveries(dila_server.base_url, "jorf")
    dila_server.listings["JORF/"] = "Maintenance en cours"
    with pytest.raises(SourceError, match="n'est pas une liste de fichiers"):
        list_deliveries(dila_server.base_url, "jorf")
    with pytest.raises(SourceError, match="Flux DILA inconnu"):
        flow_url(dila_server.base_url, "legi")


def test_listing_retries_then_gives_up(dila_server: DilaServer, no_sleep: list[float]) -> None:
    dila_server.add(PATH, b"x")
    dila_server.fail("JORF/", status=503, times=1)
    assert len(list_deliveries(dila_server.base_url, "jorf", sleep=no_sleep.append)) == 1
    dila_server.fail("JORF/", status=502, times=3)
    with pytest.raises(SourceError, match="réponse HTTP 502"):
        list_deliveries(dila_server.base_url, "jorf", retries=2, sleep=no_sleep.append)
    assert no_sleep == [1.0, 1.0, 2.0]


def test_listing_unreachable_server(no_sleep: list[float]) -> None:
    with socket.socket() as probe:  # a port where nobody listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(SourceError, match="connexion au serveur impossible"):
        list_deliveries(f"http://127.0.0.1:{port}/OPENDATA/", "jorf", sleep=no_sleep.append)


# --- download --------------------------------------------------------------------------------


def test_full_download(dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]) -> None:
    data = _archive()
    dila_server.add(PATH, data)
    remote = list_deliveries(dila_server.base_url, "jorf")[0]
    assert remote.size == len(data)
    path = _fetch(remote, tmp_path / "dl", no_sleep)
    assert path == tmp_path / "dl" / NAME
    assert path.read_bytes() == data
    assert not (tmp_path / "dl" / f"{NAME}.part").exists()
    request = dila_server.requests_for(PATH)[0]
    assert request.headers["user-agent"] == USER_AGENT and "range" not in request.headers
    assert no_sleep == []


def test_resume_after_a_cut_connection(
    dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]
) -> None:
    data = _archive()
    dila_server.add(PATH, data)
    dila_server.cut(PATH, after=10_000)
    path = _fetch(_remote(dila_server, len(data)), tmp_path, no_sleep)
    assert path.read_bytes() == data
    first, second = dila_server.requests_for(PATH)
    assert "range" not in first.headers
    assert second.headers["range"] == "bytes=10000-"
    assert no_sleep == [1.0]


def test_server_ignoring_range_restarts_from_zero(
    dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]
) -> None:
    data = _archive()
    dila_server.add(PATH, data)
    dila_server.ignore_range(PATH)
    dila_server.cut(PATH, after=7_000)
    path = _fetch(_remote(dila_server, None), tmp_path, no_sleep)
    assert path.read_bytes() == data
    assert dila_server.requests_for(PATH)[1].headers["range"] == "bytes=7000-"


def test_part_left_by_an_earlier_run_is_resumed(
    dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]
) -> None:
    data = _archive()
    dila_server.add(PATH, data)
    (tmp_path / f"{NAME}.part").write_bytes(data[:5000])
    assert _fetch(_remote(dila_server, len(data)), tmp_path, no_sleep).read_bytes() == data
    assert dila_server.requests_for(PATH)[0].headers["range"] == "bytes=5000-"


def test_complete_part_answered_416_is_finished(
    dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]
) -> None:
    data = _archive(5)
    dila_server.add(PATH, data)
    (tmp_path / f"{NAME}.part").write_bytes(data)
    assert _fetch(_remote(dila_server, None), tmp_path, no_sleep).read_bytes() == data


def test_503_then_success_honours_retry_after(
    dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]
) -> None:
    data = _archive(5)
    dila_server.add(PATH, data)
    dila_server.fail(PATH, status=503, times=2, retry_after="3")
    assert _fetch(_remote(dila_server, len(data)), tmp_path, no_sleep).read_bytes() == data
    assert no_sleep == [3.0, 3.0]
    assert len(dila_server.requests_for(PATH)) == 3



@pytest.mark.parametrize("status", [429, 503])
def test_a_wait_beyond_five_minutes_is_left_to_the_next_run(
    dila_server: DilaServer, tmp_path: Path, no_sleep: list[float], status: int
) -> None:
    """« Retry-After: 3600 » was waited twice five minutes (the cap) before giving up, which
    held the morning ten minutes for nothing: now given up at once, said, for the DILA's
    deliveries and the Parliament's files (``fetch.fetch``) alike."""
    dila_server.add(PATH, _archive(5))
    dila_server.fail(PATH, status=status, times=10, retry_after="3600")
    with pytest.raises(SourceError, match=f"après 1 échec.*HTTP {status}, nouvel essai "
                                          "demandé dans 3600 s"):
        _fetch(_remote(dila_server, None), tmp_path, no_sleep)
    with pytest.raises(SourceError, match=f"après 1 échec.*HTTP {status}, nouvel essai "
                                          "demandé dans 3600 s"):
        fetch(dila_server.url(PATH), tmp_path / "Dossiers.json.zip", progress=False,
              sleep=no_sleep.append)
    assert no_sleep == [] and len(dila_server.requests_for(PATH)) == 2

def test_retries_exhausted(dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]) -> None:
    dila_server.add(PATH, _archive(5))
    dila_server.fail(PATH, status=503, times=10)
    with pytest.raises(SourceError, match="abandonné après 4 échec.*réponse HTTP 503"):
        _fetch(_remote(dila_server, None), tmp_path, no_sleep, retries=3, backoff=0.5)
    assert no_sleep == [0.5, 1.0, 2.0]
    assert len(dila_server.requests_for(PATH)) == 4
    assert not (tmp_path / NAME).exists()


def test_timeout_is_retried(dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]) -> None:
    data = _archive(5)
    dila_server.add(PATH, data)
    dila_server.stall(PATH, seconds=1.0)
    path = _fetch(_remote(dila_server, None), tmp_path, no_sleep, timeout=0.2)
    assert path.read_bytes() == data and no_sleep == [1.0]


def test_size_disagreeing_with_listing(
    dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]
) -> None:
    data = _archive(5)
    dila_server.add(PATH, data)
    dila_server.sizes[PATH] = len(data) + 10
    remote = list_deliveries(dila_server.base_url, "jorf")[0]
    with pytest.raises(SourceError, match="Taille incohérente"):
        _fetch(remote, tmp_path, no_sleep)
    assert not (tmp_path / NAME).exists() and not (tmp_path / f"{NAME}.part").exists()


def test_error_page_instead_of_gzip(
    dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]
) -> None:
    dila_server.add(PATH, b"<html>Erreur</html>")
    with pytest.raises(SourceError, match="n'est pas une archive gzip"):
        _fetch(_remote(dila_server, None), tmp_path, no_sleep)
    assert list(tmp_path.iterdir()) == []


def test_not_found_is_not_retried(
    dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]
) -> None:
    with pytest.raises(SourceError, match="a répondu 404"):
        _fetch(_remote(dila_server, None), tmp_path, no_sleep)
    assert no_sleep == [] and len(dila_server.requests_for(PATH)) == 1


def test_finished_file_is_not_downloaded_again(
    dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]
) -> None:
    data = _archive(5)
    dila_server.add(PATH, data)
    (tmp_path / NAME).write_bytes(data)
    assert _fetch(_remote(dila_server, len(data)), tmp_path, no_sleep) == tmp_path / NAME
    assert _fetch(_remote(dila_server, None), tmp_path, no_sleep) == tmp_path / NAME
    assert dila_server.requests_for(PATH) == []


def test_finished_file_of_the_wrong_size_is_replaced(
    dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]
) -> None:
    data = _archive(5)
    dila_server.add(PATH, data)
    (tmp_path / NAME).write_bytes(data[:100])
    assert _fetch(_remote(dila_server, len(data)), tmp_path, no_sleep).read_bytes() == data


def test_caller_client_is_used_and_kept_open(
    dila_server: DilaServer, tmp_path: Path, no_sleep: list[float]
) -> None:
    data = _archive(5)
    dila_server.add(PATH, data)
    with httpx.Client(headers={"User-Agent": "essai/1"}) as client:
        _fetch(_remote(dila_server, None), tmp_path, no_sleep, client=client)
        assert not client.is_closed
    assert dila_server.requests_for(PATH)[0].headers["user-agent"] == "essai/1"


class _FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal(
    dila_server: DilaServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _archive(5)
    dila_server.add(PATH, data)
    terminal = _FakeTerminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    download(_remote(dila_server, len(data)), tmp_path, sleep=lambda _: None)
    assert f"Téléchargement de {NAME}" in terminal.getvalue()
    assert "o/s" in terminal.getvalue() or "ko" in terminal.getvalue()
    quiet = _FakeTerminal()
    monkeypatch.setattr(sys, "stderr", quiet)
    download(_remote(dila_server, len(data)), tmp_path / "b", progress=False)
    assert quiet.getvalue() == ""
