"""Norwegian forms of dates, times and numbers, and the label table."""

from __future__ import annotations

import locale
from datetime import date, time

import pytest

from kvk.render.environment import dato, dato_full, dato_lang, kl, make_environment, prosent, tall
from kvk.render.labels import LABELS, label


def test_dates():
    assert dato(date(2009, 11, 2)) == "02.11.2009"
    assert dato_lang(date(2009, 10, 30)) == "30. oktober 2009"
    assert dato_full(date(2009, 10, 30)) == "fredag 30. oktober 2009"
    assert dato_full(date(2009, 11, 21), "nn") == "laurdag 21. november 2009"
    assert dato_full(date(2009, 11, 17), "nn") == "tysdag 17. november 2009"


def test_time_and_numbers():
    assert kl(time(13, 15)) == "kl. 13.15"
    assert kl(time(9, 0)) == "kl. 09.00"
    assert prosent(10.4) == "10,4 %"
    assert prosent(9.95, 2) == "9,95 %"
    assert tall(10000) == "10 000"
    assert tall(1234567.891, 2) == "1 234 567,89"
    assert tall(-250000) == "-250 000"


def test_filters_ignore_the_machine_locale():
    try:
        previous = locale.setlocale(locale.LC_ALL)
        locale.setlocale(locale.LC_ALL, "C.UTF-8")
    except locale.Error:
        pytest.skip("no C.UTF-8 locale")
    try:
        assert dato_full(date(2009, 10, 30)) == "fredag 30. oktober 2009"
        assert tall(10000) == "10 000"
    finally:
        locale.setlocale(locale.LC_ALL, previous)


def test_html_keeps_numbers_on_one_line():
    env = make_environment("html", "nb", None)
    assert env.from_string("{{ 10000|tall }} {{ 10.4|prosent }}").render() == "10\u00a0000 10,4\u00a0%"


def test_a_date_filter_refuses_text():
    with pytest.raises(TypeError):
        dato("2009-10-30")


def test_every_label_exists_in_both_maalformer_with_the_same_placeholders():
    import string

    for key, (nb, nn) in LABELS.items():
        assert nb and nn, key
        fields = lambda text: {f for _, f, _, _ in string.Formatter().parse(text) if f}  # noqa: E731
        assert fields(nb) == fields(nn), key


def test_labels_differ_where_the_languages_do():
    assert label("til_stede", "nb") == "Til stede" and label("til_stede", "nn") == "Til stades"
    assert label("unntatt", "nn", hjemmel="offl. § 13") == "Unnateke frå innsyn, offl. § 13"
    assert label("vedtatt_med", "nb", for_=4, mot=3, stemmer="stemmer") == "Vedtatt med 4 mot 3 stemmer."


def _choices(model, field: str) -> set[str]:
    """The values a choice field of a model accepts, read from its annotation."""
    import typing

    kinds = [a for a in typing.get_args(model.model_fields[field].annotation) if a is not type(None)]
    return {v for k in kinds for v in (typing.get_args(k) or (k,)) if isinstance(v, str)}


@pytest.mark.parametrize("module,model,prefix,example", [
    # a type the model accepts but the table lacked stopped the renderer with an internal error
    # (01 Gratangen's endring_av_saksliste, 04 Skien's oversendelsesforslag; kvk site on 'innledning')
    ("kvk.models.behandling", "Forslag", "forslagtype", "oversendelsesforslag"),
    ("kvk.models.papers", "Seksjon", "seksjon", "innledning"),
])
def test_every_type_has_a_label(module, model, prefix, example):
    import importlib

    types = _choices(getattr(importlib.import_module(module), model), "type")
    assert example in types
    for kind in sorted(types):
        assert label(f"{prefix}_{kind}", "nb") and label(f"{prefix}_{kind}", "nn")
