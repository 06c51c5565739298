"""The cache store: a pack is read back whole or not at all (truncated, corrupt, foreign or
crafted files are ignored), concurrent writers never tear one, and a file's stat signature is
trusted only once the file has been still for a while."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import subprocess
import time

import pytest

from kvk.io import cache

ENV = cache.environment("test environment")


def _entries(n: int, tag: str = "") -> dict:
    return {f"data/saker/2009/2009-{i:04d}.yaml": (cache.digest(f"{tag}{i}".encode()), None,
                                                    (True, (f"2009/{i}", [("case", tag, ("saksnr",))], {"k": None}), ()))
            for i in range(n)}


def _saved(tmp_path, entries, env=ENV):
    pack = cache.Store(tmp_path).pack("facts", "data/saker/2009", env)
    for rel, entry in entries.items():
        pack.put(rel, entry)
    assert pack.save()
    return pack.file


def test_a_pack_reads_back_what_was_written(tmp_path):
    entries = _entries(50)
    _saved(tmp_path, entries)
    again = cache.Store(tmp_path).pack("facts", "data/saker/2009", ENV)
    assert again.entries == entries


def test_the_cache_folder_is_made_on_first_use_and_kept_out_of_git(tmp_path):
    store = cache.Store(tmp_path)
    assert not store.top.exists()
    _saved(tmp_path, _entries(1))
    assert (store.top / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (store.top / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=all"], cwd=tmp_path,
                            capture_output=True, text=True, check=True).stdout
    assert status == ""


def test_a_pack_under_another_environment_or_for_another_folder_is_not_read(tmp_path):
    _saved(tmp_path, _entries(3))
    store = cache.Store(tmp_path)
    assert store.pack("facts", "data/saker/2009", cache.environment("models changed")).entries == {}
    assert store.pack("case-rows", "data/saker/2009", ENV).entries == {}
    # a pack copied under another folder's name is foreign too
    other = store.pack("facts", "data/saker/2010", ENV)
    other.file.parent.mkdir(parents=True, exist_ok=True)
    other.file.write_bytes(store.pack("facts", "data/saker/2009", ENV).file.read_bytes())
    assert store.pack("facts", "data/saker/2010", ENV).entries == {}


def test_a_truncated_pack_is_ignored_at_every_length(tmp_path):
    file = _saved(tmp_path, _entries(20))
    whole = file.read_bytes()
    for length in sorted({0, 1, 7, 8, 40, 60, 66, len(whole) // 2, len(whole) - 1}):
        file.write_bytes(whole[:length])
        assert cache.Store(tmp_path).pack("facts", "data/saker/2009", ENV).entries == {}, length


def test_a_corrupt_pack_is_ignored_and_replaced_when_written_again(tmp_path):
    file = _saved(tmp_path, _entries(20))
    whole = bytearray(file.read_bytes())
    for offset in (0, 10, 70, len(whole) // 2, len(whole) - 1):
        damaged = bytearray(whole)
        damaged[offset] ^= 0x40
        file.write_bytes(bytes(damaged))
        assert cache.Store(tmp_path).pack("facts", "data/saker/2009", ENV).entries == {}, offset
    file.write_bytes(b"not a pack at all\n" * 100)
    pack = cache.Store(tmp_path).pack("facts", "data/saker/2009", ENV)
    assert pack.entries == {}
    pack.put("data/saker/2009/2009-0001.yaml", (b"x" * 16, None, (True, "s", ())))
    assert pack.save()
    assert cache.Store(tmp_path).pack("facts", "data/saker/2009", ENV).entries != {}


class _Boom:
    def __reduce__(self):
        return (os.system, ("touch PWNED",))


def test_a_crafted_pack_cannot_run_code(tmp_path, monkeypatch):
    """A pack that passes every check of its header but names a function is still refused."""
    monkeypatch.chdir(tmp_path)
    pack = cache.Store(tmp_path).pack("facts", "data/saker/2009", ENV)
    body = pickle.dumps({"data/saker/2009/2009-0001.yaml": (b"x" * 16, None, _Boom())})
    import hashlib

    pack.file.parent.mkdir(parents=True)
    pack.file.write_bytes(cache._HEADER.pack(cache.MAGIC, cache.FORMAT, pack.env, len(body),
                                             hashlib.blake2b(body, digest_size=16).digest()) + body)
    assert cache.Store(tmp_path).pack("facts", "data/saker/2009", ENV).entries == {}
    assert not (tmp_path / "PWNED").exists()


def test_only_plain_data_is_kept(tmp_path):
    from datetime import date

    pack = cache.Store(tmp_path).pack("facts", "data/saker/2009", ENV)
    pack.put("data/saker/2009/2009-0001.yaml", (b"x" * 16, None, (True, date(2009, 1, 1), ())))
    with pytest.raises(TypeError, match="plain data"):
        pack.save()


def test_a_cache_folder_that_is_a_link_is_neither_read_nor_written(tmp_path):
    """A repository from elsewhere could point .kvk at any folder of the user's."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    repo = tmp_path / "repo"
    repo.mkdir()
    _saved(elsewhere, _entries(3))  # a valid cache, but not this repository's own
    (repo / ".kvk").symlink_to(elsewhere / ".kvk")
    pack = cache.Store(repo).pack("facts", "data/saker/2009", ENV)
    assert pack.entries == {}
    pack.put("data/saker/2009/2009-0099.yaml", (b"x" * 16, None, (True, "s", ())))
    assert pack.save() is False
    assert "data/saker/2009/2009-0099.yaml" not in cache.Store(elsewhere).pack("facts", "data/saker/2009", ENV).entries


def test_a_cache_that_cannot_be_written_is_done_without(tmp_path):
    (tmp_path / ".kvk").write_text("a file where the folder would go")
    pack = cache.Store(tmp_path).pack("facts", "data/saker/2009", ENV)
    pack.put("data/saker/2009/2009-0001.yaml", (b"x" * 16, None, (True, "s", ())))
    assert pack.save() is False


def _writer(folder: str, tag: str, rounds: int) -> None:
    for r in range(rounds):
        pack = cache.Store(folder).pack("facts", "data/saker/2009", ENV)
        pack.entries = _entries(200, f"{tag}{r}")
        pack.changed = True
        pack.save()


def test_concurrent_writers_never_leave_a_torn_pack(tmp_path):
    """Four processes rewrite one pack as fast as they can while this one reads it: every read
    gives one writer's entries whole, or (before the first write) nothing."""
    ctx = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    writers = [ctx.Process(target=_writer, args=(str(tmp_path), tag, 40)) for tag in "abcd"]
    for w in writers:
        w.start()
    try:
        while any(w.is_alive() for w in writers):
            entries = cache.Store(tmp_path).pack("facts", "data/saker/2009", ENV).entries
            if entries:
                tags = {value[1][1][0][1] for _, _, value in entries.values()}
                assert len(entries) == 200 and len(tags) == 1, "a pack mixed two writers' entries"
    finally:
        for w in writers:
            w.join()
    assert all(w.exitcode == 0 for w in writers)
    final = cache.Store(tmp_path).pack("facts", "data/saker/2009", ENV).entries
    assert len(final) == 200
    assert not [p for p in (tmp_path / ".kvk" / "cache" / "facts").iterdir() if not p.name.endswith(".pack")], \
        "temporary files left behind"


def test_a_fresh_file_is_never_trusted_on_its_signature(tmp_path, monkeypatch):
    f = tmp_path / "a.yaml"
    f.write_text("a: 1\n")
    assert cache.signature(f.stat()) is None  # changed just now: a second change could hide behind it
    old = time.time() - 3600
    os.utime(f, (old, old))
    assert cache.signature(f.stat()) is None  # setting the time back changes the change time
    monkeypatch.setattr(cache, "RACY_SECONDS", 0)
    sig = cache.signature(f.stat())
    assert cache.unchanged(sig, f.stat())
    f.write_text("a: 2\n")  # same size
    os.utime(f, ns=(sig[1], sig[1]))  # and the same modification time
    assert not cache.unchanged(sig, f.stat())
    assert not cache.unchanged(None, f.stat())
