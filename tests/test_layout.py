"""kvk.layout: every path a record can have, and the reverse."""

from __future__ import annotations

import pytest

from kvk import layout


@pytest.mark.parametrize("rel, kind, ident", [
    ("data/saker/2009/2009-0017.yaml", "sak", "2009/17"),
    ("data/saker/2009/2009-0017-budsjett-2010.yaml", "sak", "2009/17"),
    ("data/saker/2009/2009-12345.yml", "sak", "2009/12345"),
    ("data/saker/2009/notes.yaml", "sak", None),  # a case folder, but not a case's name (KVK204 then)
    ("data/moter/2009/2009-10-30-styringsgruppa.yaml", "moete", "2009-10-30-styringsgruppa"),
    ("data/moter/2009/referat.yaml", "moete", None),
    ("data/organisasjon.yaml", "organisasjon", None),
    ("data/organisasjon/personer.yaml", "organisasjon", None),
    ("data/organisasjon/a/b.yaml", "organisasjon", None),
    ("data/indikatorer/sykefravaer.yaml", "indikatorer", None),
    ("data/notater.yaml", None, None),
    ("data/saker/2009/2009-0017.txt", None, None),
    ("kvk.yaml", None, None),
    ("templates/x.yaml", None, None),
])
def test_kind_and_id_of_a_path(rel, kind, ident):
    assert layout.kind_of(rel) == kind
    assert layout.id_of(rel) == ident


def test_case_paths_and_back():
    assert layout.case_path("2009/17") == "data/saker/2009/2009-0017.yaml"
    assert layout.case_path("2009/17", "budsjett-2010") == "data/saker/2009/2009-0017-budsjett-2010.yaml"
    assert layout.case_slug("data/saker/2009/2009-0017-budsjett-2010.yaml") == "budsjett-2010"
    assert layout.case_slug("data/saker/2009/2009-0017.yaml") == ""
    for saksnr, slug in [("2009/17", ""), ("2009/17", "x-y"), ("2024/123456", "")]:
        rel = layout.case_path(saksnr, slug)
        assert layout.id_of(rel) == saksnr and layout.is_case_path(saksnr, rel) and layout.kind_of(rel) == "sak"
    assert not layout.is_case_path("2009/17", "data/saker/2009/2009-017.yaml")  # kvk writes four digits
    assert not layout.is_case_path("2009/17", "data/saker/2008/2009-0017.yaml")


def test_meeting_paths_and_back():
    ident = "2009-10-30-styringsgruppa"
    assert layout.meeting_path(ident) == "data/moter/2009/2009-10-30-styringsgruppa.yaml"
    assert layout.id_of(layout.meeting_path(ident)) == ident
    assert layout.meeting_body(ident) == "styringsgruppa"
    assert layout.is_meeting_id(ident) and not layout.is_meeting_id("2009-10-30") and not layout.is_meeting_id("2009/17")
    with pytest.raises(ValueError):
        layout.meeting_path("../etc/passwd")


def test_a_meeting_whose_date_is_not_stated_has_its_own_id_and_place():
    # an own id that starts with a year lives in that year's folder, any other in udatert/
    assert layout.meeting_path("2013-kommunestyre-39") == "data/moter/2013/2013-kommunestyre-39.yaml"
    assert layout.meeting_path("skien-ukmb-park") == "data/moter/udatert/skien-ukmb-park.yaml"
    assert layout.id_of("data/moter/udatert/skien-ukmb-park.yaml") == "skien-ukmb-park"
    assert layout.id_of("data/moter/2009/skien-ukmb-park.yaml") is None  # not where that id lives
    assert layout.is_meeting_id("2013-kommunestyre-39") and not layout.is_meeting_id("kari-hansen")
    assert layout.meeting_body("2013-kommunestyre-39") is None  # an own id need not name its body


def test_files_found_on_disk(tmp_path):
    for rel in ["data/saker/2009/2009-0017.yaml", "data/saker/2009/2009-0017-budsjett.yaml",
                "data/saker/2009/2009-0018.yaml", "data/saker/2009/2009-00170.yaml",
                "data/moter/2009/2009-03-04-formannskapet.yaml", "data/moter/2009/2009-03-05-kommunestyret.yaml",
                "data/moter/2009/notes.yaml", "data/organisasjon.yaml", "data/organisasjon/utvalg.yaml"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x: 1\n", encoding="utf-8")
    assert layout.case_files(tmp_path, "2009/17") == ["data/saker/2009/2009-0017-budsjett.yaml",
                                                      "data/saker/2009/2009-0017.yaml"]
    assert layout.case_files(tmp_path, "2010/1") == []
    assert layout.case_sequence_numbers(tmp_path, 2009) == {17, 18, 170}
    assert layout.case_years(tmp_path) == [2009]
    assert layout.meeting_files(tmp_path) == ["data/moter/2009/2009-03-04-formannskapet.yaml",
                                             "data/moter/2009/2009-03-05-kommunestyret.yaml"]
    assert layout.meeting_files(tmp_path, "kommunestyret") == ["data/moter/2009/2009-03-05-kommunestyret.yaml"]
    assert layout.organisation_files(tmp_path) == ["data/organisasjon.yaml", "data/organisasjon/utvalg.yaml"]


def test_schema_links_are_relative_to_the_record():
    assert layout.schema_link("data/saker/2009/2009-0001.yaml", "sak") == "../../../schemas/sak.schema.json"
    assert layout.schema_link("kvk.yaml", "kvk") == "schemas/kvk.schema.json"
