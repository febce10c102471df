"""The database and its -wal/-shm files are readable by the app's user only (0600)."""

import os
import stat

import pytest

from storage import DatabaseUnavailable, Store
from tests.test_storage import new_incident


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def loose_umask():
    """A umask that would leave new files world-readable (0644) or worse (0666)."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_a_fresh_database_and_its_wal_and_shm_are_0600(tmp_path, loose_umask):
    path = tmp_path / "fresh.db"
    store = Store(path)
    store.incidents.create(new_incident())  # a write makes SQLite create -wal and -shm
    files = [path, tmp_path / "fresh.db-wal", tmp_path / "fresh.db-shm"]
    assert all(f.exists() for f in files)
    assert {f.name: _mode(f) for f in files} == {f.name: 0o600 for f in files}
    store.close()


def test_existing_world_readable_files_are_tightened_at_open(tmp_path, loose_umask):
    path = tmp_path / "old.db"
    store = Store(path)
    first, _ = store.incidents.create(new_incident())
    # Leave the -wal and -shm behind, as a killed process does, and loosen every mode.
    leftovers = [path, tmp_path / "old.db-wal", tmp_path / "old.db-shm"]
    for f in leftovers:
        os.chmod(f, 0o644)
    again = Store(path)
    assert {f.name: _mode(f) for f in leftovers} == {f.name: 0o600 for f in leftovers}
    assert again.incidents.get(first.id).description == first.description  # nothing lost
    again.close()
    store.close()


def test_a_restrictive_umask_still_leaves_the_app_able_to_write(tmp_path):
    old = os.umask(0o277)  # would make a plain create read-only for the owner
    try:
        store = Store(tmp_path / "strict.db")
        store.incidents.create(new_incident())
    finally:
        os.umask(old)
    assert _mode(tmp_path / "strict.db") == 0o600
    store.close()


def test_a_missing_folder_is_one_line_naming_bvoip_db(tmp_path):
    with pytest.raises(DatabaseUnavailable, match="^BVOIP_DB: cannot open .*unable to open "
                       "database file.*No such file or directory"):
        Store(tmp_path / "no" / "such" / "folder.db")
