"""kvk.io.yaml: every value stays text, every key and value keeps its position, everything a
record must not contain is refused with its own code, and both YAML parsers agree."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from kvk.diagnostics import RecordError
from kvk.io.yaml import HAVE_LIBYAML, MAX_DEPTH, decode, load_file, load_text

from ..conftest import ROOT

PARSERS = [pytest.param(True, id="libyaml", marks=pytest.mark.skipif(not HAVE_LIBYAML, reason="no libyaml")),
           pytest.param(False, id="python")]
needs_libyaml = pytest.mark.skipif(not HAVE_LIBYAML, reason="PyYAML was built without libyaml")


def outcome(text: str, use_c: bool):
    """What a user gets from loading ``text``: values and positions, or the diagnostic."""
    try:
        source = load_text(text, "x.yaml", use_c=use_c)
    except RecordError as err:
        d = err.diagnostic
        return ("refused", d.code, d.line, d.col, d.message)
    return ("loaded", source.data, source.positions)


def refusal(text: str, use_c: bool):
    with pytest.raises(RecordError) as info:
        load_text(text, "x.yaml", use_c=use_c)
    d = info.value.diagnostic
    return d.code, d.line, d.col, d.message


# --- values stay text ---------------------------------------------------------------------


@pytest.mark.parametrize("use_c", PARSERS)
@pytest.mark.parametrize("written", [
    "no", "No", "NO", "off", "on", "yes", "y", "n", "true", "False", "null", "~", "Null",
    "0301", "0150", "07", "08", "18:00", "1:20:30", "2009-10-30", "2009-02-30", "30.10.2009",
    "2008/628", "45/08", "12,5", "1e3", "1.0e+3", ".inf", "-.nan", "0x1F", "0o17", "+12", "1_000",
])
def test_plain_scalars_arrive_as_written(written, use_c):
    source = load_text(f"verdi: {written}\n{written}: nøkkel\nliste:\n  - {written}\n", "x", use_c=use_c)
    assert source.data == {"verdi": written, written: "nøkkel", "liste": [written]}


@pytest.mark.parametrize("use_c", PARSERS)
def test_empty_values(use_c):
    source = load_text("tom:\ntom_i_liste: [a, ]\nsitert: ''\ndobbelt: \"\"\nliste: []\nkart: {}\n", "x", use_c=use_c)
    assert source.data == {"tom": None, "tom_i_liste": ["a"], "sitert": "", "dobbelt": "", "liste": [], "kart": {}}


@pytest.mark.parametrize("use_c", PARSERS)
def test_block_scalars_and_quotes(use_c):
    text = ("a: |\n  Første linje.\n\n  Andre: med kolon.\n"
            "b: >-\n  brettet\n  tekst\n"
            "c: 'enkel ''sitat'''\n"
            "d: \"dobbel \\u00f8 \\t\"\n"
            "e: tekst # kommentar\n")
    assert load_text(text, "x", use_c=use_c).data == {
        "a": "Første linje.\n\nAndre: med kolon.\n", "b": "brettet tekst", "c": "enkel 'sitat'",
        "d": "dobbel ø \t", "e": "tekst"}


@pytest.mark.parametrize("use_c", PARSERS)
def test_merge_key_is_an_ordinary_key(use_c):
    # '<<' would merge (and silently override) in PyYAML's constructors; here it is just a key
    assert load_text("<<: {a: b}\n", "x", use_c=use_c).data == {"<<": {"a": "b"}}


@pytest.mark.parametrize("use_c", PARSERS)
def test_bom_and_crlf_are_accepted(use_c):
    text = "\ufefftittel: Kjøp\r\ntekst: |\r\n  Linje 1\r\n  Linje 2\r\nslutt: ja\r\n"
    source = load_text(text, "x", use_c=use_c)
    assert source.data == {"tittel": "Kjøp", "tekst": "Linje 1\nLinje 2\n", "slutt": "ja"}
    assert source.locate(("tittel",)) == (1, 9)  # the BOM is not a column
    assert source.locate(("slutt",), key=True) == (5, 1)
    assert source.locate_in_text(("tekst",), len("Linje 1\nLi")) == (4, 5)


# --- positions ----------------------------------------------------------------------------

NESTED = """\
saksnr: 2009/12
saksgang:
  - utvalg: formannskapet
    moetedato: 04.03.2009
  - {utvalg: kommunestyret, moetedato: 19.03.2009}
seksjoner:
  - type: vurdering
    tekst: |
      Første avsnitt.
      Her står [[skjermet]] midt i.
dokumenter:
  - - indre
    - liste
"""


@pytest.mark.parametrize("use_c", PARSERS)
@pytest.mark.parametrize("loc,key,value", [
    (("saksnr",), (1, 1), (1, 9)),
    (("saksgang",), (2, 1), (3, 3)),
    (("saksgang", 0), (3, 5), (3, 5)),
    (("saksgang", 0, "utvalg"), (3, 5), (3, 13)),
    (("saksgang", 0, "moetedato"), (4, 5), (4, 16)),
    (("saksgang", 1), (5, 5), (5, 5)),
    (("saksgang", 1, "utvalg"), (5, 6), (5, 14)),
    (("saksgang", 1, "moetedato"), (5, 29), (5, 40)),
    (("seksjoner", 0, "tekst"), (8, 5), (8, 12)),  # a block scalar starts at its '|'

    (("dokumenter", 0, 1), (13, 7), (13, 7)),
])
def test_keys_and_values_keep_their_line_and_column(use_c, loc, key, value):
    source = load_text(NESTED, "x", use_c=use_c)
    assert source.locate(loc, key=True) == key
    assert source.locate(loc) == value


@pytest.mark.parametrize("use_c", PARSERS)
def test_missing_locations_fall_back_to_the_nearest_parent(use_c):
    source = load_text(NESTED, "x", use_c=use_c)
    assert source.locate(("saksgang", 0, "utvalgssaksnr")) == (3, 5)
    assert source.locate(("saksgang", 7)) == (3, 3)
    assert source.locate(("finnes_ikke",)) == (1, 1)


@pytest.mark.parametrize("use_c", PARSERS)
def test_offsets_inside_a_literal_block_are_exact(use_c):
    source = load_text(NESTED, "x", use_c=use_c)
    text = source.data["seksjoner"][0]["tekst"]
    assert source.locate_in_text(("seksjoner", 0, "tekst"), text.index("[[")) == (10, 16)


@pytest.mark.parametrize("use_c", PARSERS)
def test_positions_are_rebuilt_after_detach(tmp_path, use_c):
    file = tmp_path / "sak.yaml"
    file.write_text(NESTED, encoding="utf-8")
    source = load_file(file, "sak.yaml", use_c=use_c)
    source.detach(file)
    assert source.positions is None
    assert source.locate(("saksgang", 1, "moetedato")) == (5, 40)


# --- refusals -----------------------------------------------------------------------------

REFUSALS = [
    # (id, text, code, line, col, words in the message)
    ("unquoted-colon", "tittel: Budsjett: drift\n", "KVK001", 1, 17, "mapping values are not allowed here"),
    ("tab-indent", "a:\n\tb: c\n", "KVK001", 2, 1, "tab"),
    ("unclosed-quote", "a: 'tekst\n", "KVK001", 2, 1, "end of stream"),
    ("dup-top", "a: 1\nb: 2\na: 3\n", "KVK003", 3, 1, "duplicate key 'a' (first at line 1)"),
    ("dup-nested", "a:\n  - b: 1\n    b: 2\n", "KVK003", 3, 5, "duplicate key 'b' (first at line 2)"),
    ("dup-flow", "a: {x: 1, x: 2}\n", "KVK003", 1, 11, "duplicate key 'x'"),
    ("anchor", "a: &x 1\n", "KVK004", 1, 4, "anchor '&x'"),
    ("anchor-on-mapping", "a: &x\n  b: 1\n", "KVK004", 1, 4, "anchor '&x'"),
    ("alias", "a: *x\n", "KVK004", 1, 4, "alias '*x'"),
    ("alias-bomb", "a: &a [x, x]\nb: &b [*a, *a]\n", "KVK004", 1, 4, "anchor '&a'"),
    ("python-tag", "a: !!python/object/apply:os.system [ls]\n", "KVK005", 1, 4, "python/object/apply:os.system"),
    ("binary-tag", "a: !!binary aGVp\n", "KVK005", 1, 4, "tag:yaml.org,2002:binary"),
    ("set-tag", "a: !!set {x: null}\n", "KVK005", 1, 4, "tag:yaml.org,2002:set"),
    ("str-tag", "a: !!str 07\n", "KVK005", 1, 4, "tag:yaml.org,2002:str"),
    ("custom-tag", "a: !kvk x\n", "KVK005", 1, 4, "'!kvk'"),
    ("top-list", "- a\n- b\n", "KVK006", 1, 1, "a list"),
    ("top-scalar", "bare tekst\n", "KVK006", 1, 1, "a single value"),
    ("empty", "", "KVK006", 1, 1, "empty"),
    ("only-comments", "# ingenting\n", "KVK006", 1, 1, "empty"),
    ("only-separator", "---\n", "KVK006", 1, 1, "empty"),
    ("two-docs", "a: 1\n---\nb: 2\n", "KVK008", 2, 1, "second YAML document"),
    ("two-docs-after-end", "a: 1\n...\n---\nb: 2\n", "KVK008", 3, 1, "second YAML document"),
    ("deep", "a: " + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "\n", "KVK009", 1, 3 + MAX_DEPTH, "deeper than 40"),
    ("key-list", "[a, b]: c\n", "KVK011", 1, 1, "plain text"),
    ("key-mapping", "? {a: b}\n: c\n", "KVK011", 1, 3, "plain text"),
    ("nul", "a: x\x00\n", "KVK001", 1, 5, "U+0000"),
    ("escape", "a: \x1b[1m\n", "KVK001", 1, 4, "U+001B"),
    ("c1", "a: x\x9b\n", "KVK001", 1, 5, "U+009B"),
]


@pytest.mark.parametrize("use_c", PARSERS)
@pytest.mark.parametrize("text,code,line,col,words", [pytest.param(*r[1:], id=r[0]) for r in REFUSALS])
def test_refusals(text, code, line, col, words, use_c):
    got_code, got_line, got_col, message = refusal(text, use_c)
    assert (got_code, got_line, got_col) == (code, line, col)
    assert words in message


def test_nesting_is_bounded_without_recursion_error():
    # the C parser composes 10,000 levels happily; the walk must stop at MAX_DEPTH, not crash
    text = "a: " + "[" * 10_000 + "]" * 10_000 + "\n"
    for use_c in ([True] if HAVE_LIBYAML else []) + [False]:
        assert refusal(text, use_c)[0] == "KVK009"


def test_exactly_max_depth_is_fine():
    text = "a: " + "[" * (MAX_DEPTH - 1) + "x" + "]" * (MAX_DEPTH - 1) + "\n"
    value = load_text(text, "x").data["a"]
    for _ in range(MAX_DEPTH - 2):
        value = value[0]
    assert value == ["x"]


def test_latin1_byte_is_named_with_line_and_column():
    with pytest.raises(RecordError) as info:
        decode("tittel: Søknad\nsaksbehandler: Bjørn\n".encode("latin-1"), "sak.yaml")
    d = info.value.diagnostic
    assert (d.code, d.path, d.line, d.col) == ("KVK002", "sak.yaml", 1, 10)
    assert d.message == ("byte 0xf8 at line 1, column 10 is not UTF-8 "
                         "(in Windows-1252/Latin-1 it would be 'ø')")


def test_column_of_a_bad_byte_counts_characters_not_bytes():
    with pytest.raises(RecordError) as info:
        decode("a: ææ\xf8".encode("utf-8")[:-2] + b"\xf8\n", "x")
    assert (info.value.diagnostic.line, info.value.diagnostic.col) == (1, 6)


@pytest.mark.parametrize("raw", ["a: æ".encode("utf-16"), b"a: \xc3", b"a: \xed\xa0\x80", b"\x80"])
def test_other_encodings_and_broken_utf8_are_refused(raw):
    with pytest.raises(RecordError) as info:
        decode(raw, "x")
    assert info.value.diagnostic.code == "KVK002"


@pytest.mark.parametrize("raw", ["a: æ\n".encode("utf-16"), "a: æ\n".encode("utf-16-be"), "\ufeffa: æ\n".encode("utf-16-be"),
                                 b"a: \xc3\n", b"a: \xed\xa0\x80\n", b"a: \xc0\x80\n", b"a: \xf4\x90\x80\x80\n",
                                 b"a: \xe6\n"])
@pytest.mark.parametrize("parser", ["c", "python"])
def test_a_file_that_is_not_utf8_is_kvk002_whichever_way_it_is_read(tmp_path, raw, parser):
    """libyaml reads the bytes of a record itself; whatever it makes of them, a file that is
    not UTF-8 gets kvk's own diagnostic naming the byte."""
    if parser == "c" and not HAVE_LIBYAML:
        pytest.skip("PyYAML without libyaml")
    (tmp_path / "x.yaml").write_bytes(raw)
    with pytest.raises(RecordError) as info:
        load_file(tmp_path / "x.yaml", "x.yaml", tmp_path, use_c=parser == "c")
    assert info.value.diagnostic.code == "KVK002"
    assert "is not UTF-8" in info.value.diagnostic.message


def test_bom_is_dropped_by_decode():
    assert decode(b"\xef\xbb\xbfa: 1\n", "x") == "a: 1\n"


@pytest.fixture(params=["nofollow", "lstat"])
def link_check(request, monkeypatch):
    """Both ways of spotting a link: opening with O_NOFOLLOW, and (where a system has no such
    flag) asking first."""
    if request.param == "lstat":
        monkeypatch.setattr("kvk.io.files._NOFOLLOW", 0)
    return request.param


def test_link_outside_the_repository_is_refused_before_reading(tmp_path, link_check):
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    secret = tmp_path / "secret.yaml"
    secret.write_text("a: 1\n", encoding="utf-8")
    link = root / "data" / "sak.yaml"
    link.symlink_to(secret)
    with pytest.raises(RecordError) as info:
        load_file(link, "data/sak.yaml", root)
    d = info.value.diagnostic
    assert (d.code, d.line) == ("KVK007", 0)
    assert str(secret) in d.message and "not read" in d.message


def test_link_inside_the_repository_is_followed(tmp_path, link_check):
    root = tmp_path / "repo"
    (root / "data").mkdir(parents=True)
    (root / "data" / "ekte.yaml").write_text("a: 1\n", encoding="utf-8")
    (root / "data" / "lenke.yaml").symlink_to("ekte.yaml")
    assert load_file(root / "data" / "lenke.yaml", "data/lenke.yaml", root).data == {"a": "1"}


def test_unreadable_file_is_kvk010(tmp_path, link_check):
    with pytest.raises(RecordError) as info:
        load_file(tmp_path / "borte.yaml", "borte.yaml", tmp_path)
    assert info.value.diagnostic.code == "KVK010"
    assert "No such file" in info.value.diagnostic.message


def test_a_folder_named_like_a_record_is_kvk010(tmp_path, link_check):
    (tmp_path / "mappe.yaml").mkdir()
    with pytest.raises(RecordError) as info:
        load_file(tmp_path / "mappe.yaml", "mappe.yaml", tmp_path)
    assert info.value.diagnostic.message == "cannot read 'mappe.yaml': it is a folder, not a regular file"


def test_a_large_record_is_read_whole(tmp_path):
    text = "tekst: |\n" + "".join(f"  linje {i} med æøå\n" for i in range(20_000))  # > 64 KiB
    (tmp_path / "stor.yaml").write_text(text, encoding="utf-8")
    assert load_file(tmp_path / "stor.yaml", "stor.yaml", tmp_path).data["tekst"].count("\n") == 20_000


# --- the two parsers agree ----------------------------------------------------------------

#: known loader bugs, by file: the C and Python parsers disagree (see tests/check/test_bad_corpus.py)
DISAGREE: dict[str, str] = {}


def _corpus_files() -> list:
    files = sorted((ROOT / "tests" / "bad").rglob("*.yaml")) + sorted((ROOT / "data").rglob("*.yaml"))
    params = []
    for file in files:
        rel = file.relative_to(ROOT).as_posix()
        case = rel.split("/")[2] if rel.startswith("tests/bad/") else ""
        marks = [pytest.mark.xfail(strict=True, reason=DISAGREE[case])] if case in DISAGREE else []
        params.append(pytest.param(file, id=rel, marks=marks))
    return params


@needs_libyaml
@pytest.mark.parametrize("file", _corpus_files())
def test_parsers_agree_on_every_corpus_and_data_file(file: Path):
    try:
        text = decode(file.read_bytes(), "x.yaml")
    except RecordError:
        pytest.skip("refused before parsing: no parser involved")
    assert outcome(text, True) == outcome(text, False)


# plain nested records: text, lists and mappings as people write them
_words = st.text(alphabet=string.ascii_letters + string.digits + "æøåÆØÅ -_/.,:#'\"!&*%@|>?[]{}\t", max_size=20)
_keys = st.text(alphabet=string.ascii_lowercase + "_æøå", min_size=1, max_size=12)
_values = st.recursive(
    st.one_of(_words, st.just("")),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_keys, inner, max_size=4)),
    max_leaves=15,
)
_records = st.dictionaries(_keys, _values, min_size=1, max_size=6)


@needs_libyaml
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(record=_records, flow=st.sampled_from([False, True, None]), width=st.sampled_from([20, 80]))
def test_parsers_agree_on_generated_records_and_values_round_trip(record, flow, width):
    text = yaml.safe_dump(record, default_flow_style=flow, allow_unicode=True, width=width, sort_keys=False)
    c, py = outcome(text, True), outcome(text, False)
    assert c == py
    assert c[0] == "loaded" and c[1] == record


# YAML-ish fragments: the everyday material of broken records
_fragments = st.sampled_from([
    "tittel", "saksnr", ":", ": ", " ", "  ", "\t", "\n", "\r\n", "- ", "-", "[", "]", "{", "}", ",",
    "'", '"', "|", ">", "#", "&a", "*a", "!", "!!str", "%", "@", "`", "?", "---", "...", "ø", "æ",
    "2008/628", "no", "0301", "\\", "\x00", "\x1b", "\ufeff", "\u2028", "[[skjermet]]", "<<",
])
_yamlish = st.lists(_fragments, max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(st.text(), _yamlish))
@example("a: \ud800\n")  # libyaml cannot take a lone surrogate at all
@example("{tittel: Hva nå??}\n")  # PyYAML ends a plain value at "?" in { }, libyaml does not
def test_arbitrary_text_gives_a_source_or_a_record_error(text):
    for use_c in ([True] if HAVE_LIBYAML else []) + [False]:
        try:
            source = load_text(text, "x", use_c=use_c)
        except RecordError as err:
            assert err.diagnostic.code.startswith("KVK0")
            assert err.diagnostic.line >= 1 and err.diagnostic.col >= 1
        else:
            assert isinstance(source.data, dict)


@settings(max_examples=300, deadline=None)
@given(raw=st.one_of(st.binary(), _yamlish.map(lambda t: t.encode("utf-8", "surrogatepass")),
                     _yamlish.map(lambda t: t.encode("latin-1", "replace"))))
def test_arbitrary_bytes_give_a_source_or_a_record_error(raw):
    try:
        load_text(decode(raw, "x"), "x")
    except RecordError as err:
        assert err.diagnostic.code in {"KVK001", "KVK002", "KVK003", "KVK004", "KVK005", "KVK006",
                                       "KVK008", "KVK009", "KVK011"}


@needs_libyaml
@settings(max_examples=1000, deadline=None, derandomize=True)
@given(text=st.one_of(_yamlish, st.text()))
@example("{tittel: Hva nå??}\n")  # PyYAML ends a plain value at '?' inside { }, libyaml does not
@example("a: [x, y?]\n")
def test_parsers_agree_on_arbitrary_yamlish_text(text):
    assert outcome(text, True) == outcome(text, False)


@needs_libyaml
@pytest.mark.parametrize("text", [
    "a: x\tb\n", "a: 1\t\n", "a:\tx\n", "a: [x\tb]\n", "a\tb: 1\n",  # libyaml reads these tabs, PyYAML refuses them
    "%FOO bar\n---\na: 1\n",  # libyaml refuses an unknown directive, PyYAML ignores it
    "a: |#\n  x\n", "a: x\ufeff\n", "a: x\u2028b\n",  # a glued comment, a BOM after the start, a line separator
    "a: [!!str,:]\n",  # where a tag ends inside [ ]
    "a: !\n",  # an empty value under a bare '!' tag
])
def test_where_libyaml_and_pyyaml_differ_the_pure_python_parser_decides(text):
    assert outcome(text, True) == outcome(text, False)


def test_tabs_outside_quotes_and_blocks_are_refused_and_allowed_inside(tmp_path):
    for use_c in [True, False] if HAVE_LIBYAML else [False]:
        assert refusal("a: 1\t\n", use_c) == ("KVK001", 1, 5, "invalid YAML: found a tab, which cannot start any token")
        assert load_text('a: "x\ty"\nb: |\n  x\ty\n', "x", use_c=use_c).data == {"a": "x\ty", "b": "x\ty\n"}
    (tmp_path / "x.yaml").write_bytes(b"a: 1\t\n")
    with pytest.raises(RecordError) as info:
        load_file(tmp_path / "x.yaml", "x.yaml", tmp_path)
    assert info.value.diagnostic.col == 5


def test_column_of_a_bad_byte_after_a_bom():
    with pytest.raises(RecordError) as info:
        decode(b"\xef\xbb\xbfa: \xf8\n", "x")
    assert (info.value.diagnostic.line, info.value.diagnostic.col) == (1, 4)


# --- positions found without parsing the whole text ---------------------------------------


@pytest.mark.parametrize("file", sorted((ROOT / "data").rglob("*.yaml")) + sorted((ROOT / "tests/fixtures").rglob("*.yaml")),
                         ids=lambda p: p.name)
def test_a_position_found_early_is_the_one_the_whole_parse_gives(file: Path):
    """A finding's position is looked up by parsing only as far as its place; for every place
    in a record (and for places it does not have), that is where the full parse puts it."""
    full = load_file(file, file.name, track=True)
    table = full.positions
    probes = list(table) + [loc + ("finnes-ikke",) for loc in list(table)[::7]]
    for loc in probes:
        for key in (False, True):
            fresh = load_file(file, file.name)  # positions not built yet
            assert fresh.locate(loc, key=key) == full.locate(loc, key=key), (loc, key)
    # several places in one source: the first is found early, the next ones from a whole parse
    many = load_file(file, file.name)
    assert [many.locate(loc) for loc in probes] == [full.locate(loc) for loc in probes]
