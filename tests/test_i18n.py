"""The command line in bokmål, nynorsk and English (issue 14, point 5): the catalogues are
complete and in step with the source, the language is chosen as documented, and what a user
reads changes language while codes, ids and field names do not."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import _parse_mappings_from_toml, parse_keywords
from babel.messages.extract import DEFAULT_KEYWORDS
from babel.messages.pofile import read_po

from kvk import i18n
from kvk.cli import app

from .conftest import ROOT, write_tree

LOCALE = ROOT / "kvk" / "locale"


def _extracted() -> set[tuple[str | None, str]]:
    """(context, msgid) of every message Babel extracts from kvk/ with pyproject.toml's settings."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["babel"]
    with open(ROOT / "pyproject.toml", "rb") as handle:
        method_map, options_map = _parse_mappings_from_toml(handle, style="pyproject.toml")
    keywords = {**DEFAULT_KEYWORDS, **parse_keywords(config["extract_messages"]["keywords"])}
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
            ROOT / "kvk", method_map, options_map, keywords=keywords):
        found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def _catalogue(lang: str):
    with open(LOCALE / lang / "LC_MESSAGES" / "kvk.po", "rb") as handle:
        return read_po(handle, locale=lang)


@pytest.fixture(scope="module")
def extracted():
    return _extracted()


@pytest.mark.parametrize("lang", ["nb", "nn", "en"])
def test_the_catalogue_holds_exactly_what_the_source_says(extracted, lang):
    """No message missing, none obsolete: after changing a message, run the refresh command
    in docs/testing.md."""
    entries = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in _catalogue(lang) if m.id}
    assert sorted(extracted - entries, key=str) == [], f"missing from {lang}.po (pybabel extract && pybabel update)"
    assert sorted(entries - extracted, key=str) == [], f"obsolete in {lang}.po"
    assert not _catalogue(lang).obsolete  # #~ entries: pybabel update drops them (ignore_obsolete)


def test_the_template_is_in_step_with_the_source(extracted):
    with open(LOCALE / "kvk.pot", "rb") as handle:
        entries = {(m.context, m.id[0] if isinstance(m.id, tuple) else m.id) for m in read_po(handle) if m.id}
    assert entries == extracted


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_every_message_has_a_translation(lang):
    untranslated = []
    for m in _catalogue(lang):
        if not m.id:
            continue
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        if "fuzzy" in m.flags or not all(s.strip() for s in strings):
            untranslated.append(m.id)
    assert untranslated == []


@pytest.mark.parametrize("lang", ["nb", "nn"])
def test_translations_keep_the_placeholders_and_the_option_names(lang):
    import re

    for m in _catalogue(lang):
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        for s in strings:
            for pattern in (r"\{[a-z_]*\}", r"--[a-z][a-z-]*", r"KVK\d+"):
                assert set(re.findall(pattern, ids[-1])) == set(re.findall(pattern, s)), (m.id, s)


def _help_texts(command):
    for attr in ("help", "short_help", "epilog"):
        if getattr(command, attr, None):
            yield getattr(command, attr)
    for param in command.params:
        if getattr(param, "help", None):
            yield param.help
    for sub in getattr(command, "commands", {}).values():
        yield from _help_texts(sub)


def test_every_help_text_the_command_line_shows_is_in_the_catalogue():
    """What typer hands click is what the extractor took from the source (help=, docstrings)."""
    import typer.main

    command = typer.main.get_command(app)
    known = {m.id for m in _catalogue("nb") if m.id and not m.context}
    missing = sorted({text for text in _help_texts(command)} - known)
    assert missing == []


# --- the choice of language --------------------------------------------------------------


@pytest.mark.parametrize("env, expected", [
    ({"KVK_LANG": "nn"}, "nn"), ({"KVK_LANG": "nb_NO.UTF-8"}, "nb"), ({"KVK_LANG": "en_GB.UTF-8"}, "en"),
    ({"KVK_LANG": "no"}, "nb"), ({"KVK_LANG": "nn", "LANG": "en_US.UTF-8"}, "nn"),
    ({"LANG": "nn_NO.UTF-8"}, "nn"), ({"LANG": "en_US.UTF-8"}, "en"), ({"LANG": "no_NO"}, "nb"),
    ({"LC_ALL": "nn_NO.UTF-8", "LANG": "en_US.UTF-8"}, "nn"), ({"LC_MESSAGES": "en_US", "LANG": "nn_NO"}, "en"),
    ({"LANG": "C.UTF-8"}, "nb"), ({"LANG": "de_DE.UTF-8"}, "nb"), ({}, "nb"),
    ({"KVK_LANG": "de", "LANG": "nn_NO"}, "nn"),  # a language kvk does not speak is passed over
])
def test_the_environment_chooses_outside_a_repository(tmp_path, env, expected):
    assert i18n.choose(env, start=tmp_path) == expected


def test_the_repository_maalform_comes_before_the_locale_and_after_kvk_lang(tmp_path):
    write_tree(tmp_path, {"kvk.yaml": "organisasjon: Bjugn kommune\nmaalform: nn  # nynorsk\n"})
    below = tmp_path / "data" / "saker"
    below.mkdir(parents=True)
    assert i18n.choose({"LANG": "en_US.UTF-8"}, start=below) == "nn"
    assert i18n.choose({"KVK_LANG": "en", "LANG": "nb_NO"}, start=below) == "en"
    assert i18n.choose({"KVK_REPO": str(tmp_path)}, start=Path("/")) == "nn"


def test_a_repository_without_maalform_leaves_the_choice_to_the_locale(tmp_path):
    write_tree(tmp_path, {"kvk.yaml": "organisasjon: Bjugn kommune\npresentasjon:\n  maalform: nn\n"})
    assert i18n.choose({"LANG": "en_US.UTF-8"}, start=tmp_path) == "en"


# --- what a user reads ---------------------------------------------------------------------


def test_check_help_in_each_language(runner, monkeypatch):
    expected = {"nb": ("Valider postene og henvisningene", "Valg:", "Vis denne hjelpeteksten og avslutt."),
                "nn": ("Valider postane og tilvisingane", "Val:", "Vis denne hjelpeteksten og avslutt."),
                "en": ("Validate records and the references", "Options:", "Show this message and exit.")}
    for lang, words in expected.items():
        monkeypatch.setenv("KVK_LANG", lang)
        result = runner.invoke(app, ["check", "--help"])
        assert result.exit_code == 0
        for word in words:
            assert word in result.output, (lang, word)
        assert "--changed" in result.output and "--format" in result.output  # options keep their names


def test_a_refusal_changes_language_but_not_its_code(runner, monkeypatch, seed_repo):
    messages = {"nb": "--rettelse: oppgi med --av hvem som retter protokollen",
                "nn": "--rettelse: oppgi med --av kven som rettar protokollen",
                "en": "--rettelse: say who corrects the minutes with --av"}
    for lang, message in messages.items():
        monkeypatch.setenv("KVK_LANG", lang)
        result = runner.invoke(app, ["meeting", "status", "2009-10-30-styringsgruppa", "referat",
                                     "--rettelse", "Feil", "--repo", str(seed_repo)])
        assert result.exit_code == 2
        assert result.stderr == f"kvk: error KVK101 {message}\n"


def test_a_table_header_and_its_labels_in_each_language(runner, monkeypatch, seed_repo):
    expected = {"nb": ("1 møte", "Møte", "Utvalg", "Referat"), "nn": ("1 møte", "Møte", "Utval", "Referat"),
                "en": ("1 meeting", "Meeting", "Body", "Notes")}
    for lang, (title, first, second, label) in expected.items():
        monkeypatch.setenv("KVK_LANG", lang)
        lines = runner.invoke(app, ["list", "meetings", "--repo", str(seed_repo)]).stdout.splitlines()
        assert lines[0] == title
        assert lines[1].split()[:2] == [first, second]
        assert label in lines[3] and "2009-10-30-styringsgruppa" in lines[3]  # the id stays


def test_the_summary_of_check_in_each_language(runner, monkeypatch, seed_repo):
    expected = {"nb": "5 filer kontrollert: 0 feil, 0 advarsler", "nn": "5 filer kontrollert: 0 feil, 0 åtvaringar",
                "en": "5 files checked: 0 errors, 0 warnings"}
    for lang, line in expected.items():
        monkeypatch.setenv("KVK_LANG", lang)
        assert runner.invoke(app, ["check", "--repo", str(seed_repo)]).stderr == line + "\n"


def test_kvk_yaml_chooses_nynorsk_for_a_real_process(seed_repo):
    """As a user runs it: no KVK_LANG, an English locale, a nynorsk repository."""
    import os
    import sys

    config = seed_repo / "kvk.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("maalform: nb", "maalform: nn"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("KVK_LANG", "KVK_REPO")}
    env.update(LANG="en_US.UTF-8", LC_ALL="", LC_MESSAGES="")
    done = subprocess.run([sys.executable, "-m", "kvk", "check"], cwd=seed_repo / "data", env=env,
                          capture_output=True, text=True)
    assert done.stderr == "5 filer kontrollert: 0 feil, 0 åtvaringar\n"


# --- the compiled catalogues -----------------------------------------------------------------


def test_a_catalogue_is_compiled_once_into_the_user_cache_keyed_by_its_source(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(i18n, "_catalogues", {})
    assert i18n.catalogue("nn").gettext("Meetings") == "Møte"
    source = i18n.po_file("nn").read_bytes()
    cached = tmp_path / "kvk" / "locale" / f"nn-{i18n.source_hash(source)}.mo"
    assert cached.is_file()
    assert (tmp_path / "kvk" / "locale").stat().st_mode & 0o777 == 0o700
    # a second process reads it without Babel's compiler
    monkeypatch.setattr(i18n, "_catalogues", {})
    monkeypatch.setattr(i18n, "compile_po", lambda _source: pytest.fail("compiled again"))
    assert i18n.catalogue("nn").gettext("Meetings") == "Møte"


def test_a_compiled_catalogue_of_another_source_is_not_used(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(i18n, "_catalogues", {})
    source = i18n.po_file("nb").read_bytes()
    stale = i18n.compile_po(source.replace('msgstr "Møter"'.encode(), 'msgstr "Gammelt"'.encode()))
    folder = tmp_path / "kvk" / "locale"
    folder.mkdir(parents=True)
    (folder / f"nb-{i18n.source_hash(source)}.mo").write_bytes(stale)  # right name, wrong content
    assert i18n.catalogue("nb").gettext("Meetings") == "Møter"


def test_no_compiled_catalogue_is_committed():
    tracked = subprocess.run(["git", "ls-files", "kvk/locale"], cwd=ROOT, capture_output=True, text=True).stdout
    assert ".mo" not in tracked
