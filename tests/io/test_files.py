import os

import pytest

from kvk.io.files import write_text
from kvk.diagnostics import KvkError


def test_never_overwrites_without_permission(tmp_path):
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(KvkError, match="already exists; not overwritten"):
        write_text(target, "new\n", root=tmp_path)
    assert target.read_text(encoding="utf-8") == "old\n"
    write_text(target, "new\n", root=tmp_path, overwrite=True)
    assert target.read_text(encoding="utf-8") == "new\n"
    assert sorted(os.listdir(tmp_path)) == ["a.yaml"]  # no temporary file left behind


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kvk.io.files.os.replace", broken_replace)
    with pytest.raises(KvkError) as err:
        write_text(target, "new\n", root=tmp_path, overwrite=True)
    assert str(err.value) == "cannot write a.yaml: No space left on device; nothing was written"
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(os.listdir(tmp_path)) == ["a.yaml"]


def test_mode_of_a_replaced_file_is_kept(tmp_path):
    target = tmp_path / "a.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_text(target, "new\n", overwrite=True)
    assert target.stat().st_mode & 0o777 == 0o640


def test_new_files_get_the_usual_mode_not_the_temp_files(tmp_path):
    mask = os.umask(0o022)
    try:
        write_text(tmp_path / "n.yaml", "x\n")
    finally:
        os.umask(mask)
    assert (tmp_path / "n.yaml").stat().st_mode & 0o777 == 0o644
