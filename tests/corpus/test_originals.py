"""The split originals keep every word of the stored corpus documents, in order.

Each ``tests/corpus/NN_name/original.txt`` is the document text of
``../shared/corpus/NN_name.txt`` (without its SOURCE/NOTE header and rule) split into logical
lines. Splitting (and joining the cells of one table row) may move line breaks only: with the
lines listed under "## Left out" in the folder's NOTES.md removed from the stored text, and, for
docplayer transcripts, the page index docplayer puts before each page, the words of both must be
the same sequence.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from ..conftest import ROOT

HERE = Path(__file__).resolve().parent
SOURCES = Path(os.environ.get("KVK_CORPUS_SOURCE", ROOT.parent / "shared" / "corpus"))
FOLDERS = sorted(p for p in HERE.iterdir() if (p / "original.txt").exists())


def _words(lines: list[str]) -> list[str]:
    return " ".join(lines).split()


def left_out(notes: str) -> list[str]:
    """The exact lines listed as `…` bullets in the "## Left out" section of NOTES.md."""
    section = re.search(r"^## Left out\n(.*?)(?=^## |\Z)", notes, re.S | re.M)
    assert section, "NOTES.md has no '## Left out' section"
    return [" ".join(m[1].split()) for m in re.finditer(r"^- `([^`]*)`", section[1], re.M)]


def document_lines(source: str, dropped: list[str]) -> list[str]:
    lines = source.split("\n")
    assert lines[0].startswith("SOURCE:") and lines[1].startswith("NOTE:") and set(lines[2]) == {"-"}
    body = [" ".join(line.split()) for line in lines[3:]]
    for line in dropped:
        assert line in body, f"listed as left out but not in the stored text: {line!r}"
        body.remove(line)
    if "Transkript" in dropped:  # docplayer: every page opens with its page index
        pages = [line for line in body if line]
        for n, page in enumerate(pages, 1):
            m = re.match(rf"^{n}( |$)", page)
            assert m, f"page {n} does not open with docplayer's page index: {page[:30]!r}"
            body[body.index(page)] = page[m.end():]
    return body


def test_every_corpus_document_has_a_split_original():
    if not SOURCES.is_dir():
        pytest.skip(f"the corpus sources ({SOURCES}) are not available")
    names = sorted(p.stem for p in SOURCES.glob("[0-9][0-9]_*.txt"))
    assert [p.name for p in FOLDERS] == names


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name[:2] for p in FOLDERS])
def test_the_split_keeps_every_word_in_order(folder: Path):
    source = SOURCES / f"{folder.name}.txt"
    if not source.exists():
        pytest.skip(f"{source} is not available")
    notes = (folder / "NOTES.md").read_text(encoding="utf-8")
    original = (folder / "original.txt").read_text(encoding="utf-8").split("\n")
    assert not any(line.startswith(("SOURCE:", "NOTE:")) for line in original)
    want = _words(document_lines(source.read_text(encoding="utf-8"), left_out(notes)))
    got = _words(original)
    if got != want:
        i = next((k for k, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
        raise AssertionError(f"{folder.name}: words differ at word {i}: "
                             f"original {got[max(0, i - 5):i + 5]} / stored {want[max(0, i - 5):i + 5]}")


@pytest.mark.parametrize("folder", FOLDERS, ids=[p.name[:2] for p in FOLDERS])
def test_notes_give_the_source_address(folder: Path):
    notes = (folder / "NOTES.md").read_text(encoding="utf-8")
    assert re.search(r"^Source: https?://\S+", notes, re.M), "NOTES.md must give the source address"
