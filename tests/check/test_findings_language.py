"""kvk check's findings in the user's language (issue 14, point 5): the message and hint of every
kind of finding (loader, model, record rule, cross-record rule) in bokmål and nynorsk, the code
and the place the same in every language, a warm cache never answering in another language than
asked, and no finding that could reach a user without passing through the catalogues."""

from __future__ import annotations

import ast
import json
import re

import pytest

from kvk import i18n
from kvk.cli import app
from kvk.diagnostics import CODES
from kvk.io import pool

from ..conftest import ROOT, write_tree
from .test_bad_corpus import build_case


def check(runner, monkeypatch, repo, lang: str, *args: str):
    monkeypatch.setenv("KVK_LANG", lang)
    i18n.reset()
    result = runner.invoke(app, ["check", "--repo", str(repo), *args])
    return result


# --- one finding of each kind, in each language ---------------------------------------------

#: (corpus case, the line in bokmål, the line in nynorsk): a loader finding, a model finding,
#: a pydantic finding (its English mapped by error type), a record rule's and a cross-record rule's
KINDS = [
    ("duplicate-key-top",
     "data/saker/2009/2009-0020.yaml:4:1: error KVK003 dobbel nøkkel 'tittel' (først på linje 2) "
     "(hint: YAML ville i stillhet bare beholde den siste verdien; fjern en av dem)",
     "data/saker/2009/2009-0020.yaml:4:1: error KVK003 dobbel nøkkel 'tittel' (først på linje 2) "
     "(hint: YAML ville i det stille berre halde på den siste verdien; fjern ein av dei)"),
    ("missing-required-field",
     "data/saker/2009/2009-0020.yaml:1:1: error KVK101 det påkrevde feltet 'tittel' mangler",
     "data/saker/2009/2009-0020.yaml:1:1: error KVK101 det påkravde feltet 'tittel' manglar"),
    ("bad-date-31-february",
     "data/saker/2009/2009-0020.yaml:4:7: error KVK104 dato: '31.02.2009' er ikke en dato: februar 2009 har "
     "28 dager (hint: skriv datoer som 2009-10-30 eller 30.10.2009)",
     "data/saker/2009/2009-0020.yaml:4:7: error KVK104 dato: '31.02.2009' er ikkje ein dato: februar 2009 "
     "har 28 dagar (hint: skriv datoar som 2009-10-30 eller 30.10.2009)"),
    ("negative-vote-count",
     "data/moter/2009/2009-03-04-formannskapet.yaml:22:63: error KVK103 saker[0].votering[0].mot: verdien skal "
     "være større enn eller lik 0, fant '-1'",
     "data/moter/2009/2009-03-04-formannskapet.yaml:22:63: error KVK103 saker[0].votering[0].mot: verdien skal "
     "vere større enn eller lik 0, fann '-1'"),
    ("substitute-for-someone-present",
     "data/moter/2009/2009-03-04-formannskapet.yaml:12:52: error KVK207 odd-lie møtte for jon-aune, som ikke er "
     "merket med forfall (oppmoete: moett) (hint: merk personen som ble erstattet, med 'oppmoete: forfall')",
     "data/moter/2009/2009-03-04-formannskapet.yaml:12:52: error KVK207 odd-lie møtte for jon-aune, som ikkje er "
     "merkt med forfall (oppmoete: moett) (hint: merk personen som vart erstatta, med 'oppmoete: forfall')"),
    ("unknown-person",
     "data/saker/2009/2009-0012.yaml:3:16: error KVK201 ukjent person 'lise-bergh' "
     "(hint: legg personen til i data/organisasjon.yaml, eller rett id-en)",
     "data/saker/2009/2009-0012.yaml:3:16: error KVK201 ukjend person 'lise-bergh' "
     "(hint: legg personen til i data/organisasjon.yaml, eller rett id-en)"),
]


@pytest.mark.parametrize("case, bokmaal, nynorsk", KINDS, ids=[k[0] for k in KINDS])
def test_a_finding_of_each_kind_in_bokmaal_and_nynorsk(runner, monkeypatch, tmp_path, case, bokmaal, nynorsk):
    repo = build_case(case, tmp_path)
    english = check(runner, monkeypatch, repo, "en", "--no-cache").stdout.splitlines()
    for lang, expected in (("nb", bokmaal), ("nn", nynorsk)):
        result = check(runner, monkeypatch, repo, lang, "--no-cache")
        assert result.exit_code == 1
        assert result.stdout.splitlines() == [expected]
        # the place and the code are those of the English line
        assert expected.split(" ", 3)[:3] == english[0].split(" ", 3)[:3]


def test_a_rule_with_a_count_uses_the_plural_forms_of_the_language(runner, monkeypatch, tmp_path):
    repo = build_case("votes-exceed-present", tmp_path)
    lines = {lang: check(runner, monkeypatch, repo, lang, "--no-cache").stdout for lang in ("en", "nb", "nn")}
    assert "item 30/09: 6 votes but only 5 voting members present" in lines["en"]
    assert "sak 30/09: 6 stemmer, men bare 5 stemmeberettigede medlemmer til stede" in lines["nb"]
    assert "sak 30/09: 6 røyster, men berre 5 medlemer med røysterett til stades" in lines["nn"]


# --- the cache and the workers ----------------------------------------------------------------


def test_a_warm_cache_answers_in_the_language_asked(runner, monkeypatch, tmp_path):
    """Findings are worded where they are made (in the workers) and kept with the file's facts:
    each language keeps packs of its own, so a check in bokmål after one in English (or the
    other way round, warm) never shows the other language's words."""
    repo = build_case("unknown-person", tmp_path)
    nb = ("data/saker/2009/2009-0012.yaml:3:16: error KVK201 ukjent person 'lise-bergh' "
          "(hint: legg personen til i data/organisasjon.yaml, eller rett id-en)")
    en = ("data/saker/2009/2009-0012.yaml:3:16: error KVK201 unknown person 'lise-bergh' "
          "(hint: add the person to data/organisasjon.yaml, or fix the id)")
    assert check(runner, monkeypatch, repo, "nb").stdout.splitlines() == [nb]
    assert check(runner, monkeypatch, repo, "en").stdout.splitlines() == [en]
    # both warm now: each answers from its own packs, in its own words
    assert check(runner, monkeypatch, repo, "nb").stdout.splitlines() == [nb]
    assert check(runner, monkeypatch, repo, "en").stdout.splitlines() == [en]
    packs = sorted(p.parent.name for p in (repo / ".kvk" / "cache").rglob("*.pack"))
    assert {"facts.nb", "facts.en"} <= set(packs)


def test_a_loader_finding_from_a_warm_cache_in_the_language_asked(runner, monkeypatch, tmp_path):
    repo = build_case("duplicate-key-top", tmp_path)
    for lang, word in (("nn", "dobbel nøkkel"), ("en", "duplicate key"), ("nn", "dobbel nøkkel"), ("en", "duplicate key")):
        out = check(runner, monkeypatch, repo, lang).stdout
        assert f"error KVK003 {word} 'tittel'" in out, (lang, out)


def test_the_workers_word_findings_in_the_commands_language(runner, monkeypatch, tmp_path):
    """Many files go to worker processes; the language reaches them with the pool's start."""
    monkeypatch.setattr(pool, "PARALLEL_THRESHOLD", 1)
    repo = build_case("unknown-person", tmp_path)
    result = check(runner, monkeypatch, repo, "nn", "--no-cache", "--jobs", "2")
    assert "error KVK201 ukjend person 'lise-bergh'" in result.stdout
    assert "unknown" not in result.stdout


def test_the_language_of_the_repository_decides_when_nothing_else_does(runner, monkeypatch, tmp_path):
    repo = build_case("missing-required-field", tmp_path)
    config = (repo / "kvk.yaml").read_text(encoding="utf-8")
    (repo / "kvk.yaml").write_text(re.sub(r"(?m)^maalform:.*\n", "", config) + "maalform: nn\n", encoding="utf-8")
    monkeypatch.delenv("KVK_LANG")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    monkeypatch.chdir(repo)
    i18n.reset()
    result = runner.invoke(app, ["check"])
    assert "error KVK101 det påkravde feltet 'tittel' manglar" in result.stdout


# --- the machine formats --------------------------------------------------------------------


def test_json_and_github_keep_the_code_and_translate_the_text(runner, monkeypatch, tmp_path):
    repo = build_case("unknown-person", tmp_path)
    found = json.loads(check(runner, monkeypatch, repo, "nb", "--format", "json").stdout)["findings"]
    assert [(f["code"], f["severity"], f["message"], f["hint"]) for f in found] == [
        ("KVK201", "error", "ukjent person 'lise-bergh'", "legg personen til i data/organisasjon.yaml, eller rett id-en")]
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    github = check(runner, monkeypatch, repo, "nn", "--format", "github").stdout
    assert github.splitlines() == [
        "::error file=data/saker/2009/2009-0012.yaml,line=3,col=16,title=KVK201::KVK201 ukjend person 'lise-bergh' "
        "(hint: legg personen til i data/organisasjon.yaml, eller rett id-en)"]


def test_kvk_codes_lists_the_catalogue_in_the_language_and_docs_stay_english(runner, monkeypatch):
    monkeypatch.setenv("KVK_LANG", "nn")
    i18n.reset()
    listing = runner.invoke(app, ["codes"]).stdout
    assert "KVK201  error    ukjend person (hint: legg personen til i data/organisasjon.yaml, eller rett id-en)" in listing
    markdown = runner.invoke(app, ["codes", "--format", "md"]).stdout
    assert "| KVK201 | error | unknown person | add the person to data/organisasjon.yaml, or fix the id |" in markdown


# --- nothing reaches a user untranslated ---------------------------------------------------


def test_every_code_title_and_hint_has_a_translation():
    from babel.messages.pofile import read_po

    for lang in ("nb", "nn"):
        with open(i18n.po_file(lang), "rb") as handle:
            known = {m.id: m.string for m in read_po(handle) if m.id and not m.context}
        for spec in CODES.values():
            for text in (spec.title, spec.hint):
                assert not text or known.get(text), f"{spec.code}: {text!r} has no {lang} translation (mark it N_)"


#: the modules that make findings, and the calls that take a finding's words: (name, position of
#: the message, position of the hint)
FINDING_MODULES = ["kvk/check", "kvk/io/yaml.py", "kvk/io/files.py", "kvk/layout.py", "kvk/models",
                   "kvk/indicators/checks.py", "kvk/render/profile.py", "kvk/review/versions.py",
                   "kvk/repository.py"]
CALLS = {"make": (4, 5), "at": (3, None), "_diag": (4, 5), "_refused": (2, None), "PydanticCustomError": (1, None),
         "SpanError": (0, None), "PeriodError": (0, None), "ClaimResult": (2, None)}
#: a call named "make" on another object (where.make) takes the message third
WHERE_MAKE = (3, 4)
#: words that are no language: a command line, a pure placeholder
NOT_WORDS = re.compile(r"^(git |\{\w+\}$)")


def _words_in(node) -> str | None:
    """The literal text of a str constant or an f-string, when it holds words (two letters or more)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        text = node.value
    elif isinstance(node, ast.JoinedStr):
        text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    else:
        return None
    return text if re.search(r"[A-Za-z]{2,}", text) and not NOT_WORDS.match(text) else None


def test_no_finding_is_worded_outside_the_catalogues():
    """A message or hint given to a finding as a plain string or an f-string would be shown in
    English whatever the language: it must go through _(), ngettext() or a marked constant."""
    found = []
    files = [p for m in FINDING_MODULES for p in ((ROOT / m).rglob("*.py") if (ROOT / m).is_dir() else [ROOT / m])]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name not in CALLS:
                continue
            spots = CALLS[name]
            if name == "make" and isinstance(func, ast.Attribute) and getattr(func.value, "id", "") != "Diagnostic":
                spots = WHERE_MAKE
            args = list(node.args)
            given = [args[i] for i in spots if i is not None and i < len(args)]
            given += [k.value for k in node.keywords if k.arg in ("message", "hint")]
            for arg in given:
                text = _words_in(arg)
                if text is not None:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {text!r}")
    assert found == [], "\n".join(found)
