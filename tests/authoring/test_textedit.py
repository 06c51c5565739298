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


# --- structured changes (issue 14): values, lists and mappings -----------------------------------

from kvk.authoring.textedit import Append, Set, change  # noqa: E402

MEETING = """\
# a comment that must survive
utvalg: formannskapet   # trailing comment
deltakere:              # who came
  - person: ola
    oppmoete:
  - {person: per, rolle: medlem}
saker:
  - nr: 1/09
    forslag: ingen
    vedtak: Saken utsettes.
protokollstatus:        # set on approval
rettelser: []           # corrections
"""


def _change(ops, text=MEETING):
    return change(load_text(text, "m.yaml"), ops)


def test_lists_grow_in_their_own_style_and_comments_stay():
    out = _change([Append(("deltakere",), {"person": "kari", "oppmoete": "moett"}),
                   Append(("rettelser",), {"dato": "2009-12-01", "av": "Kari", "grunn": "Feil, rettet"}),
                   Append(("saker", 0, "forslag"), {"id": "f1", "tekst": "To\nlinjer"}),
                   Set(("deltakere", 1, "oppmoete"), "forfall"),
                   Set(("protokollstatus",), {"status": "utkast"})])
    assert out == """\
# a comment that must survive
utvalg: formannskapet   # trailing comment
deltakere:              # who came
  - person: ola
    oppmoete:
  - {person: per, rolle: medlem, oppmoete: forfall}
  - {person: kari, oppmoete: moett}
saker:
  - nr: 1/09
    forslag:
      - id: f1
        tekst: |-
          To
          linjer
    vedtak: Saken utsettes.
protokollstatus: {status: utkast}        # set on approval
rettelser:           # corrections
  - {dato: 2009-12-01, av: Kari, grunn: "Feil, rettet"}
"""


def test_a_new_key_follows_the_model_order_and_mappings_merge():
    out = _change([Set(("deltakere", 0, "hendelser"), [{"hva": "kom", "kl": "13:15"}], ("person", "oppmoete", "hendelser")),
                   Set(("saker", 0, "vedtak"), {"tekst": "Vedtatt."}, replace=True)])
    assert "  - person: ola\n    oppmoete:\n    hendelser:\n      - {hva: kom, kl: \"13:15\"}\n" in out
    assert "    vedtak: {tekst: Vedtatt.}\n" in out
    again = _change([Set(("protokollstatus",), {"status": "godkjent", "dato": "2009-12-04"})],
                    _change([Set(("protokollstatus",), {"status": "utkast"})]))
    assert "protokollstatus: {status: godkjent, dato: 2009-12-04}" in again


def test_a_block_value_is_replaced_only_when_asked():
    text = "a: 1\nvedtak:\n  tekst: |\n    Old.\n  type: vedtak\nz: 2\n"
    with pytest.raises(KvkError, match="it is a list or mapping"):
        _change([Set(("vedtak",), "x")], text)
    assert _change([Set(("vedtak",), {"som": "innstillingen"}, replace=True)], text) == \
        "a: 1\nvedtak: {som: innstillingen}\nz: 2\n"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
                min_size=1, max_size=4))
def test_any_text_appended_reads_back_as_written(texts):
    ops = [Append(("saker", 0, "merknader"), {"tekst": t}) for t in texts]
    try:
        out = _change(ops)
    except KvkError:
        return  # refused rather than written wrong: allowed, never a changed record
    data = load_text(out, "m.yaml").data
    assert data["saker"][0]["merknader"] == [{"tekst": t} for t in texts]
    assert out.startswith(MEETING.split("protokollstatus")[0].replace("    vedtak: Saken utsettes.\n", ""))


ORG = """\
# people
personer:
  - id: a   # the first
    navn: A
  # b is next
  - id: b
    navn: B

  - id: c
    navn: C
utvalg:
  - id: f
    medlemmer:
      - {person: a, rolle: leder}   # since 2011
      - {person: b}
    type: x
"""


def _remove(*locs):
    from kvk.authoring.textedit import Remove, change

    return change(load_text(ORG, "org.yaml"), [Remove(loc) for loc in locs])


def test_an_entry_is_removed_with_its_lines_and_every_comment_stays():
    assert _remove(("personer", 1)) == ORG.replace("  - id: b\n    navn: B\n", "")
    assert _remove(("personer", 2)) == ORG.replace("  - id: c\n    navn: C\n", "")
    assert _remove(("utvalg", 0, "medlemmer", 1)) == ORG.replace("      - {person: b}\n", "")
    assert _remove(("utvalg", 0, "medlemmer", 0)) == ORG.replace("      - {person: a, rolle: leder}   # since 2011\n", "")


def test_the_last_entry_leaves_the_list_empty():
    out = _remove(("utvalg", 0, "medlemmer", 1), ("utvalg", 0, "medlemmer", 0))
    assert "    medlemmer: []\n    type: x\n" in out
    assert _remove(("utvalg", 0)).endswith("utvalg: []\n")


def test_an_entry_inside_brackets_is_left_for_a_person():
    from kvk.authoring.textedit import Remove, change

    with pytest.raises(KvkError, match=r"cannot update 'personer\[0\]' automatically \(the list is written "
                                       r"inside \[ \]\)"):
        change(load_text("personer: [{id: a, navn: A}, {id: b, navn: B}]\n", "org.yaml"), [Remove(("personer", 0))])
