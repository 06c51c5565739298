import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kvk.authoring.textedit import edit, scalar
from kvk.diagnostics import KvkError
from kvk.io.yaml import load_text

TEXT = """\
# a comment that must survive
saksnr: 2009/1   # trailing comment
tittel: 'It''s here'
saksgang:
  - utvalg: a
    moetedato: 2009-11-20
    utvalgssaksnr:
  - {utvalg: b, moetedato: 2009-12-01}
  - utvalg: c
    moetedato: "2009-12-10"
tekst: |
  Block text.
"""


def _edit(values):
    return edit(load_text(TEXT, "x.yaml"), values)


def test_only_the_values_change():
    out = _edit({("saksnr",): "2009/17", ("saksgang", 0, "utvalgssaksnr"): "45/08",
                 ("tittel",): "Ny tittel", ("saksgang", 2, "moetedato"): "2009-12-11"})
    assert out == TEXT.replace("saksnr: 2009/1 ", "saksnr: 2009/17 ").replace(
        "    utvalgssaksnr:\n", "    utvalgssaksnr: 45/08\n").replace(
        "tittel: 'It''s here'", "tittel: Ny tittel").replace('"2009-12-10"', "2009-12-11")


def test_missing_keys_are_added_in_block_and_flow_mappings():
    out = _edit({("saksgang", 1, "utvalgssaksnr"): "3/09", ("saksgang", 2, "utvalgssaksnr"): "4/09"})
    assert "  - {utvalg: b, moetedato: 2009-12-01, utvalgssaksnr: 3/09}\n" in out
    assert '    moetedato: "2009-12-10"\n    utvalgssaksnr: 4/09\n' in out
    assert load_text(out, "x").data["saksgang"][2]["utvalgssaksnr"] == "4/09"


def test_values_that_need_quotes_are_quoted():
    out = _edit({("tittel",): "Sak: budsjett # 2"})
    assert 'tittel: "Sak: budsjett # 2"\n' in out


def test_block_text_is_refused():
    with pytest.raises(KvkError) as err:
        _edit({("tekst",): "new"})
    assert str(err.value) == ("x.yaml:11: cannot update 'tekst' automatically (it is a block of text); "
                              "edit the file by hand")


def test_a_multi_line_plain_value_is_refused():
    source = load_text("tittel: one\n  two\nsaksnr: 2009/1\n", "y.yaml")
    with pytest.raises(KvkError, match="spans several lines"):
        edit(source, {("tittel",): "x"})


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
def test_scalar_reads_back_as_written(value):
    assert load_text(f"k: {scalar(value)}\n", "t").data["k"] == value
