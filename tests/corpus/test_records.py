"""The corpus records invent no text: every word of their free text is a word of the document.

A corpus folder's records may hold only what its ``original.txt`` states (DESIGN.md §2: a fact
the document does not state is left empty). This cannot check dates, numbers or choices, which
the records write in kvk's own form (``2014/1277`` for "14/1277", ``moett``), but it catches the
commonest slip: a name, title or text taken from somewhere else (the corpus file's header, the
transcription site's title, what one knows about the municipality).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

HERE = Path(__file__).resolve().parent
FOLDERS = sorted(p for p in HERE.iterdir() if (p / "original.txt").exists())

#: the keys whose values are text a person wrote (names, titles, texts, places); ids, references,
#: codes, dates and numbers are not checked
TEXT_KEYS = {"navn", "kortnavn", "tittel", "tekst", "moetested", "rom", "representerer", "merknad",
             "behandling", "vedtak", "innkalling_tekst", "kunngjoeringer", "dokumenter_utdelt", "kopi",
             "dokumentsted", "innkalling", "note", "overskrift", "organisasjon"}
_ID = re.compile(r"[a-z0-9-]+")  # an id (organisasjon: radoy) or a word of the record language (ja, ingen)


def words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+", text.lower()) if not w.isdigit()]


def text_values(data, key=None):
    """(key, value) for every string under a text key, at any depth."""
    if isinstance(data, dict):
        for k, v in data.items():
            yield from text_values(v, k)
    elif isinstance(data, list):
        for v in data:
            yield from text_values(v, key)
    elif isinstance(data, str) and key in TEXT_KEYS and not _ID.fullmatch(data):
        yield key, data


def invented(folder: Path) -> list[str]:
    known = set(words((folder / "original.txt").read_text(encoding="utf-8")))
    out = []
    for path in sorted(folder.glob("data/**/*.yaml")):
        for key, value in text_values(yaml.safe_load(path.read_text(encoding="utf-8"))):
            foreign = [w for w in words(value) if w not in known]
            if foreign:
                out.append(f"{path.relative_to(folder)}: {key}: {value[:60]!r} has {foreign}")
    return out


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name[:2])
def test_the_records_hold_only_words_of_the_document(folder: Path):
    assert (folder / "data").is_dir(), f"{folder.name} has no records"
    found = invented(folder)
    assert not found, "text the document does not have:\n" + "\n".join(found)


def test_the_check_notices_a_word_from_elsewhere(tmp_path: Path):
    (tmp_path / "original.txt").write_text("Ukmb\nHovedplan park\n", encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "organisasjon.yaml").write_text(
        'utvalg:\n  - {id: ukmb, navn: "Utvalg for kultur", kortnavn: Ukmb}\n', encoding="utf-8")
    assert invented(tmp_path) == ["data/organisasjon.yaml: navn: 'Utvalg for kultur' has ['utvalg', 'for', 'kultur']"]
