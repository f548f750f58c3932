"""Tests of vigie.sources.archives: tarballs, folders and files read as member streams."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import tarfile
import tracemalloc
from pathlib import Path

import pytest

from vigie.sources import tar_reading
from vigie.sources.archives import (
    InputError,
    Member,
    MemberProblem,
    input_fingerprint,
    iter_members,
)

from .tarballs import STAMP, delivery_members, tarball_bytes, write_tarball, xml_text


@pytest.fixture(autouse=True, params=["libarchive", "tarfile"])
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test runs with both tarball readers: libarchive, and the tarfile fallback."""
    if request.param == "libarchive" and tar_reading.libarchive is None:
        pytest.skip("libarchive-c ou la bibliothèque système libarchive est absente")
    monkeypatch.setenv("VIGIE_INGEST_TAR_READER", request.param)
    assert tar_reading.reader() == request.param
    return request.param


def _xml_names(items: list[Member | MemberProblem]) -> list[str]:
    return [item.name for item in items if isinstance(item, Member)]


def test_tarball_yields_xml_members_in_order(tmp_path: Path) -> None:
    path = write_tarball(tmp_path / f"JORF_{STAMP}.tar.gz", delivery_members(3))
    items = list(iter_members(path))
    assert all(isinstance(item, Member) for item in items)
    assert [Path(name).name for name in _xml_names(items)] == [
        "JORFTEXT000000000000.xml", "JORFTEXT000000000001.xml", "JORFTEXT000000000002.xml",
    ]
    first = items[0]
    assert isinstance(first, Member)
    assert first.input == str(path)
    assert first.delivery == f"JORF_{STAMP}.tar.gz"
    assert first.name.startswith(f"{STAMP}/jorf/global/texte/")
    assert first.data == xml_text("JORFTEXT000000000000").encode()


def test_other_members_go_to_on_other_only(tmp_path: Path) -> None:
    path = write_tarball(tmp_path / "d.tar.gz", delivery_members(2))
    others: list[Member] = []
    items = list(iter_members(path, on_other=others.append))
    assert len(items) == 2
    assert [o.name for o in others] == [f"{STAMP}/liste_suppression_jorf.dat"]
    assert others[0].data.startswith(b"jorf/global/texte/")


@pytest.mark.parametrize(("suffix", "compression"), [(".tar", ""), (".tgz", "gz")])
def test_plain_tar_and_tgz(tmp_path: Path, suffix: str, compression: str) -> None:
    path = write_tarball(tmp_path / f"d{suffix}", {"a.xml": "<a/>"}, compression=compression)
    assert list(iter_members(path)) == [Member(str(path), f"d{suffix}", "a.xml", b"<a/>")]


def test_uppercase_suffix_and_link_member(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        link = tarfile.TarInfo("lien.xml")
        link.type, link.linkname = tarfile.SYMTYPE, "A.XML"
        tar.addfile(link)
        info = tarfile.TarInfo("A.XML")
        info.size = 4
        tar.addfile(info, io.BytesIO(b"<a/>"))
    path = tmp_path / "d.tar.gz"
    path.write_bytes(buffer.getvalue())
    problem, member = list(iter_members(path))
    assert isinstance(problem, MemberProblem) and not problem.fatal
    assert problem.name == "lien.xml" and "lien" in problem.message
    assert isinstance(member, Member) and member.data == b"<a/>"


def test_oversized_member_is_reported_and_skipped(tmp_path: Path) -> None:
    members = {"big.xml": "<a>" + "x" * 50 + "</a>", "b.xml": "<b/>"}
    path = write_tarball(tmp_path / "d.tar.gz", members)
    problem, member = list(iter_members(path, max_bytes=10))
    assert isinstance(problem, MemberProblem) and not problem.fatal
    assert "dépasse" in problem.message
    assert isinstance(member, Member) and member.name == "b.xml"


def _truncated_results(tmp_path: Path, data: bytes, cut: int) -> list[Member | MemberProblem]:
    path = tmp_path / "t.tar.gz"
    path.write_bytes(data[:cut])
    return list(iter_members(path))


def test_truncated_gzip_yields_members_then_fatal_problem(tmp_path: Path) -> None:
    members = {f"{i:03}.xml": xml_text(str(i), os.urandom(300).hex()) for i in range(30)}
    data = tarball_bytes(members)
    originals = {name: str(text).encode() for name, text in members.items()}
    for cut in range(len(data) // 4, len(data) - 1, max(1, len(data) // 40)):
        items = _truncated_results(tmp_path, data, cut)
        *good, last = items
        assert isinstance(last, MemberProblem) and last.fatal, cut
        assert "tronquée" in last.message or "corrompue" in last.message
        assert all(isinstance(item, Member) for item in good)
        for item in good:
            assert isinstance(item, Member) and item.data == originals[item.name]
        assert _xml_names(good) == list(originals)[: len(good)]


def test_gzip_cut_in_its_trailer_is_still_reported(tmp_path: Path) -> None:
    data = tarball_bytes({"a.xml": "<a/>", "b.xml": "<b/>"})
    items = _truncated_results(tmp_path, data, len(data) - 4)
    assert _xml_names(items) == ["a.xml", "b.xml"]
    assert isinstance(items[-1], MemberProblem) and items[-1].fatal


def test_corrupted_gzip_data_mid_way_is_fatal(tmp_path: Path) -> None:
    members = {f"{i:03}.xml": os.urandom(2000).hex() for i in range(20)}
    data = bytearray(tarball_bytes(members))
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    path = tmp_path / "c.tar.gz"
    path.write_bytes(bytes(data))
    items = list(iter_members(path))
    assert isinstance(items[-1], MemberProblem) and items[-1].fatal
    assert 0 < len(items) - 1 < 20


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("garbage.tar.gz", b"<html>Erreur 500</html>" * 40, "n'est pas une archive tar"),
        ("empty.tar.gz", b"", "est vide"),
        ("badheader.tar.gz", b"\x1f\x8b" + b"\xff" * 40, "n'est pas une archive gzip"),
        ("gzipped-xml.tar.gz", gzip.compress(b"<a/>" * 200), "n'est pas une archive tar"),
        ("notes.txt", b"bonjour", "ni une archive"),
    ],
)
def test_unreadable_inputs_raise_input_error_at_call(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=expected):
        iter_members(path)  # raised by the call itself, before any iteration


def test_missing_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="n'existe pas"):
        iter_members(tmp_path / "absent.tar.gz")
    with pytest.raises(InputError, match="n'existe pas"):
        input_fingerprint(tmp_path / "absent")


def _deny(monkeypatch: pytest.MonkeyPatch, method: str, denied: Path) -> None:
    """Make ``Path.<method>`` raise PermissionError for ``denied`` (works even as root)."""
    original = getattr(Path, method)

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        if self == denied:
            raise PermissionError(13, "Permission denied", str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, method, guarded)


def test_unreadable_tarball(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_tarball(tmp_path / "d.tar.gz", {"a.xml": "<a/>"})
    _deny(monkeypatch, "open", path)
    with pytest.raises(InputError, match="accès refusé"):
        iter_members(path)


def test_unreadable_file_in_a_folder_is_a_problem(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.xml").write_text("<a/>")
    (tmp_path / "b.xml").write_text("<b/>")
    _deny(monkeypatch, "read_bytes", tmp_path / "a.xml")
    problem, member = list(iter_members(tmp_path))
    assert isinstance(problem, MemberProblem) and not problem.fatal
    assert problem.name == "a.xml" and "accès refusé" in problem.message
    assert isinstance(member, Member) and member.name == "b.xml"


def test_valid_but_empty_tar_yields_nothing(tmp_path: Path) -> None:
    path = write_tarball(tmp_path / "vide.tar.gz", {})
    assert list(iter_members(path)) == []


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "livraison"
    for rel in ["b/z.xml", "a/y.xml", "a.xml", "a/sub/x.XML", "c/notes.dat"]:
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(f"<r>{rel}</r>")
    others: list[Member] = []
    items = list(iter_members(root, on_other=others.append))
    # Sorted by path components: folder "a" is walked before file "a.xml".
    assert _xml_names(items) == ["a/sub/x.XML", "a/y.xml", "a.xml", "b/z.xml"]
    third = items[2]
    assert isinstance(third, Member)
    assert (third.input, third.delivery, third.data) == (str(root), "livraison", b"<r>a.xml</r>")
    assert [o.name for o in others] == ["c/notes.dat"]


def test_single_xml_file(tmp_path: Path) -> None:
    path = tmp_path / "JORFTEXT000054861441.xml"
    path.write_text("<TEXTE_VERSION/>")
    items = list(iter_members(path))
    assert items == [Member(str(path), path.name, path.name, b"<TEXTE_VERSION/>")]


def _peak_while_reading(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_members(path))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_when_streaming(tmp_path: Path) -> None:
    def build(name: str, count: int) -> Path:
        members = {f"{STAMP}/jorf/{i:06}.xml": xml_text(f"JORFTEXT{i:012d}") for i in range(count)}
        return write_tarball(tmp_path / name, members)

    small_count, small_peak = _peak_while_reading(build("small.tar.gz", 500))
    big_count, big_peak = _peak_while_reading(build("big.tar.gz", 5000))
    assert (small_count, big_count) == (500, 5000)
    assert big_peak < 1024 * 1024
    assert big_peak < small_peak + 256 * 1024  # ten times the members, about the same peak


def test_fingerprint_of_a_file(tmp_path: Path) -> None:
    path = write_tarball(tmp_path / "d.tar.gz", delivery_members(2))
    content = path.read_bytes()
    assert input_fingerprint(path) == (hashlib.sha256(content).hexdigest(), len(content))


def test_fingerprint_of_a_folder(tmp_path: Path) -> None:
    root = tmp_path / "dossier"
    (root / "a").mkdir(parents=True)
    (root / "a" / "x.xml").write_text("<x/>")
    (root / "y.xml").write_text("<y/>")
    first = input_fingerprint(root)
    assert first[1] == 8
    (root / "notes.txt").write_text("ignoré")
    assert input_fingerprint(root) == first
    (root / "y.xml").rename(root / "z.xml")
    renamed = input_fingerprint(root)
    assert renamed != first and renamed[1] == 8
    (root / "z.xml").write_text("<z/>")
    assert input_fingerprint(root) != renamed


def _special_members_tarball(path: Path) -> Path:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for name, kind in [("dur.xml", tarfile.LNKTYPE), ("car.xml", tarfile.CHRTYPE),
                           ("bloc.xml", tarfile.BLKTYPE), ("tube.xml", tarfile.FIFOTYPE)]:
            info = tarfile.TarInfo(name)
            info.type, info.linkname = kind, "vrai.xml" if kind == tarfile.LNKTYPE else ""
            tar.addfile(info)
        for name in ("../../etc/evasion.xml", "/absolu/racine.xml", "vrai.xml"):
            info = tarfile.TarInfo(name)
            info.size = 4
            tar.addfile(info, io.BytesIO(b"<a/>"))
    path.write_bytes(buffer.getvalue())
    return path


def test_links_devices_and_escaping_names(tmp_path: Path) -> None:
    """Hard links and special files are problems; names that climb out are only names:
    nothing is ever written to disk."""
    path = _special_members_tarball(tmp_path / "speciaux.tar.gz")
    before = sorted(p.name for p in tmp_path.rglob("*"))
    items = list(iter_members(path))
    problems = [i for i in items if isinstance(i, MemberProblem)]
    assert [p.name for p in problems] == ["dur.xml", "car.xml", "bloc.xml", "tube.xml"]
    assert all("n'est pas un fichier ordinaire" in p.message and not p.fatal for p in problems)
    assert _xml_names(items) == ["../../etc/evasion.xml", "/absolu/racine.xml", "vrai.xml"]
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_gzip_bomb_member_is_refused_unread(tmp_path: Path) -> None:
    """200 Mo of zeros in 200 ko of gzip: over the limit, refused from its header; the
    stream is inflated in bounded pieces, so memory stays small while it is skipped."""
    path = tmp_path / "bombe.tar.gz"
    with gzip.open(path, "wb", compresslevel=9) as raw, tarfile.open(fileobj=raw, mode="w|") as tar:
        info = tarfile.TarInfo("bombe.xml")
        info.size = 200 * 1024 * 1024
        tar.addfile(info, _Zeros(info.size))
        tar.addfile(_info("apres.xml", 4), io.BytesIO(b"<a/>"))
    assert path.stat().st_size < 1024 * 1024
    tracemalloc.start()
    try:
        items = list(iter_members(path, max_bytes=1024 * 1024))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    problem, member = items
    assert isinstance(problem, MemberProblem) and "200 Mo" in problem.message
    assert "VIGIE_INGEST_MAX_FILE_MB" in problem.message and not problem.fatal
    assert isinstance(member, Member) and member.name == "apres.xml"
    assert peak < 4 * 1024 * 1024


def _info(name: str, size: int) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size = size
    return info


class _Zeros(io.RawIOBase):
    """``size`` zero bytes, produced as read (the bomb is never held in memory)."""

    def __init__(self, size: int) -> None:
        self.left = size

    def read(self, n: int = -1) -> bytes:
        n = self.left if n < 0 else min(n, self.left)
        self.left -= n
        return bytes(n)


def test_single_file_over_the_limit_is_a_problem_and_not_read(tmp_path: Path) -> None:
    path = tmp_path / "JORFTEXT000099000001.xml"
    path.write_bytes(b"<TEXTE>" + b"x" * 2000 + b"</TEXTE>")
    [problem] = list(iter_members(path, max_bytes=1048))
    assert isinstance(problem, MemberProblem) and not problem.fatal
    assert problem.name == path.name and "pèse 2 ko" in problem.message
    assert "VIGIE_INGEST_MAX_FILE_MB" in problem.message and "sans être lu" in problem.message
    folder = tmp_path / "dossier"
    folder.mkdir()
    (folder / "gros.xml").write_bytes(path.read_bytes())
    (folder / "petit.xml").write_bytes(b"<a/>")
    problem, member = list(iter_members(folder, max_bytes=1048))
    assert isinstance(problem, MemberProblem) and problem.name == "gros.xml"
    assert isinstance(member, Member) and member.name == "petit.xml"


def test_default_limit_is_the_configured_default(monkeypatch: pytest.MonkeyPatch) -> None:
    from vigie.config import max_file_bytes
    from vigie.sources.members import MAX_FILE_BYTES

    monkeypatch.delenv("VIGIE_INGEST_MAX_FILE_MB", raising=False)
    assert max_file_bytes() == MAX_FILE_BYTES
    monkeypatch.setenv("VIGIE_INGEST_MAX_FILE_MB", "2.5")
    assert max_file_bytes() == 5 * 1024 * 1024 // 2


def test_libarchive_is_asked_a_members_bytes_no_more_than_they_take(
        tmp_path: Path, reader: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A member whose header tells its size is read in as many calls as its pieces, not one
    more for the end libarchive would tell; its bytes whole (a piece is 64 Kio)."""
    if reader != "libarchive":
        pytest.skip("seule la lecture par libarchive compte ses appels")
    from vigie.sources import archive_calls

    asked: list[int] = []
    read_data = archive_calls.READ_DATA

    def counted(*arguments: object) -> int:
        asked.append(read_data(*arguments))
        return asked[-1]

    monkeypatch.setattr(archive_calls, "READ_DATA", counted)
    big = b"<a>" + b"x" * 150_000 + b"</a>"  # three pieces
    path = write_tarball(tmp_path / "d.tar.gz", {"a.xml": "<a/>", "b.xml": big, "c.xml": ""})
    assert [m.data for m in iter_members(path)] == [b"<a/>", big, b""]
    assert asked == [4, 65536, 65536, len(big) - 131072, 0]  # (the empty one: its end)
