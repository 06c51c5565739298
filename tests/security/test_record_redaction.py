"""kvk.models.redaction on its own: copies, found by type, fails safe for what it does not know."""

from __future__ import annotations

from pydantic import Field

from kvk.models.case import Sak
from kvk.models.common import Intern, Model, Skjermbar, Tekst
from kvk.models.redaction import marker, redact
from kvk.render.redact import public_records

SPAN = '[[skjermet hjemmel="offl. § 13"]]HEMMELIG[[/skjermet]]'


class Neste(Skjermbar):
    """A model as a future version might add it: nobody told redaction about its fields."""

    overskrift: Tekst
    notater: list[Tekst] = Field(default_factory=list)
    grunn: Intern | None = None
    kode: str | None = None
    antall: int | None = None


class Holder(Model):
    neste: list[Neste] = Field(default_factory=list)


def test_a_text_field_added_later_is_redacted_by_its_type():
    h = Holder.model_validate({"neste": [{"overskrift": f"Om {SPAN}", "notater": [SPAN, "åpen"],
                                          "grunn": "syk", "kode": "K1"}]})
    public = redact(h, marker("nb"))
    n = public.neste[0]
    assert n.overskrift == "Om Unntatt offentlighet, offl. § 13"
    assert n.notater == ["Unntatt offentlighet, offl. § 13", "åpen"]
    assert n.grunn is None and n.kode == "K1"
    assert "HEMMELIG" in h.neste[0].overskrift  # the record itself is left alone


def test_felt_and_whole_skjerming_scrub_every_kind_of_value():
    felt = Neste.model_validate({"overskrift": "HEMMELIG", "kode": "HEMMELIG", "antall": 4,
                                 "skjerming": {"hjemmel": "offl. § 23", "felt": ["overskrift", "kode", "antall"]}})
    n = redact(felt, marker("nn"))
    assert (n.overskrift, n.kode, n.antall) == ("Unnateke frå innsyn, offl. § 23",) * 2 + (None,)
    whole = Neste.model_validate({"overskrift": "HEMMELIG", "notater": ["HEMMELIG", "HEMMELIG"],
                                  "skjerming": {"hjemmel": "offl. § 25"}})
    n = redact(whole, marker("nb"))
    assert "HEMMELIG" not in repr(n) and n.notater == ["Unntatt offentlighet, offl. § 25"]


def test_a_closed_case_keeps_its_number_and_public_title():
    sak = Sak.model_validate({"saksnr": "2009/5", "tittel": "HEMMELIG", "saksbehandler": "p",
                              "offentlig_tittel": f"Personalsak {SPAN}", "skjerming": {"hjemmel": "offl. § 25"},
                              "seksjoner": [{"type": "vurdering", "overskrift": "HEMMELIG", "tekst": "HEMMELIG"}]})
    [public] = public_records([sak])
    assert public.saksnr == "2009/5" and public.offentlig_tittel == "Personalsak Unntatt offentlighet, offl. § 13"
    assert "HEMMELIG" not in repr(public)
    assert public.seksjoner[0].type == "vurdering"  # a choice says which standard heading to print


def test_a_string_with_markup_outside_a_text_field_fails_closed():
    n = Neste.model_construct(overskrift="x", notater=[], grunn=None, kode="[[SKJERMET]]HEMMELIG", antall=None,
                              skjerming=None)
    assert redact(n, marker("nb")).kode == "Unntatt offentlighet"
