"""Bad input as an attacker or a careless user gives it: kvk answers with one located finding
per problem, never a traceback or a hang (issue 12, point 5)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kvk.diagnostics import Diagnostic, escape_controls, quote_path
from kvk.io.yaml import load_text
from kvk.diagnostics import RecordError
from kvk.models.common import parse_date, parse_int, parse_number, parse_saksnr

CASE = "data/saker/2008/2008-1001.yaml"


def kvk(repo: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kvk", *args], capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "KVK_REPO": str(repo), "KVK_NO_CACHE": "1", "NO_COLOR": "1"})


def edit(repo: Path, old: str, new: str, rel: str = CASE) -> None:
    path = repo / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def findings(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stdout.splitlines() if " error KVK" in line or " warning KVK" in line]


# --- files that are not regular files ---------------------------------------------------------

@pytest.mark.parametrize("command", [["check"], ["list", "cases"], ["show", "2008/1001"]])
def test_a_fifo_named_like_a_record_does_not_hang(seed_repo, command):
    os.mkfifo(seed_repo / "data/saker/2008/2008-1002.yaml")
    result = kvk(seed_repo, *command, timeout=60)  # before: blocked forever in open()
    assert "Traceback" not in result.stderr
    if command == ["check"]:
        assert result.returncode == 1
        assert ("data/saker/2008/2008-1002.yaml:1:1: error KVK010 cannot read 'data/saker/2008/2008-1002.yaml': "
                "it is a named pipe (FIFO), not a regular file") in result.stdout


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every folder whatever its mode")
def test_an_unreadable_folder_is_an_error(seed_repo):
    folder = seed_repo / "data/saker/2008"
    folder.chmod(0)
    try:
        result = kvk(seed_repo, "check")
    finally:
        folder.chmod(0o755)
    assert result.returncode == 1
    assert "data/saker/2008:1:1: error KVK015 cannot read the folder 'data/saker/2008'" in result.stdout


def test_an_unreadable_folder_is_an_error_even_for_root(seed_repo, monkeypatch):
    """As root the mode does not stop a read; the walk's error path is driven directly."""
    from kvk import layout

    real_scandir = os.scandir

    def refusing(path="."):
        if str(path).endswith("data/saker/2008"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    stray: list[Diagnostic] = []
    list(layout.walk(seed_repo, ["data"], stray))
    assert [d.format() for d in stray] == [
        "data/saker/2008:1:1: error KVK015 cannot read the folder 'data/saker/2008': Permission denied; "
        "the records in it were not read (hint: give kvk permission to read the folder (chmod u+rx), or remove it)"]


def test_data_being_a_file_is_an_error(seed_repo):
    import shutil
    shutil.rmtree(seed_repo / "data")
    (seed_repo / "data").write_text("oops\n")
    result = kvk(seed_repo, "check")
    assert result.returncode == 1
    assert "data:1:1: error KVK016 'data' is a file where a folder of records belongs" in result.stdout


def test_an_upper_case_extension_is_not_ignored_in_silence(seed_repo):
    os.rename(seed_repo / CASE, seed_repo / "data/saker/2008/2008-1001.YAML")
    result = kvk(seed_repo, "check")
    assert result.returncode == 1
    assert ("data/saker/2008/2008-1001.YAML:1:1: error KVK017 'data/saker/2008/2008-1001.YAML' is not read: "
            "record files end in lower-case '.yaml' (hint: rename it to '2008-1001.yaml')") in findings(result)


# --- characters that are not text -------------------------------------------------------------

@pytest.mark.parametrize("escape,name", [("\\ud800", "a lone surrogate, U+D800"), ("\\0", "a control character, U+0000"),
                                          ("\\e[31m", "a control character, U+001B")])
def test_escapes_that_are_not_text_are_refused_at_load(seed_repo, escape, name):
    edit(seed_repo, "tittel: Søknad om deltakelse i Kvalitetskommuneprosjektet",
         f'tittel: "Søknad{escape}"')
    result = kvk(seed_repo, "check")
    assert result.returncode == 1
    line = (seed_repo / CASE).read_text(encoding="utf-8").splitlines().index(f'tittel: "Søknad{escape}"') + 1
    assert f"{CASE}:{line}:9: error KVK014 the value holds {name}, at character 7; it is not text" in result.stdout
    for command in (["render-case", "2008/1001"], ["render-case", "2008/1001", "--public"], ["list", "cases"],
                    ["show", "2008/1001"]):
        out = kvk(seed_repo, *command)
        assert "Traceback" not in out.stderr + out.stdout and out.returncode in (0, 1, 2), command


# --- numbers and digits -----------------------------------------------------------------------

@pytest.mark.parametrize("text", ["NaN", "nan", "inf", "-inf", "1e999", "Infinity", "1_000", "١٢", "１２", "1e16"])
def test_numbers_are_finite_ascii_and_in_range(text):
    with pytest.raises(Exception) as info:
        parse_number(text)
    assert "not a number" in str(info.value)


def test_ordinary_numbers_still_parse():
    assert [parse_number(t) for t in ["9", "9.5", "-0.5", ".5", "1e3", "12 000"]] == [9, 9.5, -0.5, 0.5, 1000, 12000]
    assert parse_int("42") == 42 and parse_int(-3) == -3


@pytest.mark.parametrize("text", ["١٢", "１２", str(10**32), "9" * 40])
def test_whole_numbers_are_ascii_and_in_range(text):
    with pytest.raises(Exception):
        parse_int(text)


@pytest.mark.parametrize("parse,text", [(parse_date, "٢٠٠٩-١٠-٣٠"), (parse_date, "２００９-１０-３０"),
                                        (parse_date, "30.10.２００９"), (parse_saksnr, "٢٠٠٨/٦٢٨"),
                                        (parse_saksnr, "２００８/６２８")])
def test_dates_and_case_numbers_take_ascii_digits_only(parse, text):
    with pytest.raises(Exception):
        parse(text)


def test_a_vote_count_of_ten_to_the_32_is_refused():
    from pydantic import ValidationError

    from kvk.models.behandling import Votering

    assert Votering.model_validate({"for": "7", "mot": "2"}).for_ == 7
    with pytest.raises(ValidationError) as info:
        Votering.model_validate({"for": str(10**32), "mot": "0"})
    assert "less than or equal to 2147483647" in str(info.value)


# --- every finding one line -------------------------------------------------------------------

def test_a_finding_is_one_line_whatever_its_value_holds():
    d = Diagnostic.make("KVK103", 'data/a\nb".yaml', 0, 0, "'x\n\x1b[2Jdata/x.yaml:1:1: error KVK999 forged'")
    line = d.format()
    assert "\n" not in line and "\x1b" not in line
    assert line.startswith('"data/a\\nb\\".yaml":1:1: error KVK103 ')
    assert "\\033[2J" in line
    assert "\n" not in d.format_github().rstrip("\n")


def test_paths_are_quoted_as_git_quotes_them():
    assert quote_path("data/saker/2009/2009-0001.yaml") == "data/saker/2009/2009-0001.yaml"
    assert quote_path("data/møte.yaml") == "data/møte.yaml"  # core.quotePath=false: letters stay
    assert quote_path('a"b\\c\td\x01') == '"a\\"b\\\\c\\td\\001"'
    assert escape_controls("a\u2028b\x7f") == "a\\u2028b\\177"


def test_a_multi_line_value_in_a_finding_stays_on_one_line(seed_repo):
    edit(seed_repo, "dokumenttype: saksframlegg", 'dokumenttype: "saks\\nframlegg\\nx.yaml:1:1: error KVK000 forged"')
    result = kvk(seed_repo, "check")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if "saks" in line and "framlegg" in line]
    assert len(lines) == 1 and lines[0].startswith(f"{CASE}:") and "\\n" in lines[0]
    assert not any(line.startswith("x.yaml") for line in result.stdout.splitlines())


def test_a_file_level_finding_has_a_line(seed_repo):
    os.symlink("/etc/passwd", seed_repo / "data/saker/2008/2008-1003.yaml")
    result = kvk(seed_repo, "check")
    assert "data/saker/2008/2008-1003.yaml:1:1: error KVK007" in result.stdout


def test_the_two_parsers_agree_on_a_question_mark_in_braces():
    outcomes = []
    for use_c in (True, False):
        with pytest.raises(RecordError) as info:
            load_text("{tittel: Hva nå??}\n", "x", use_c=use_c)
        outcomes.append(info.value.diagnostic.format())
    assert outcomes[0] == outcomes[1]
    assert "quotes" in outcomes[0] and ":1:16:" in outcomes[0]
