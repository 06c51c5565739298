"""The skjerming markup fails closed: exact markup parses, anything that looks like it but is not
is an error (KVK120 near miss, KVK109 malformed), and parsing any text takes linear time."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kvk.models.case import Sak
from kvk.models.text import SpanError, parse_spans, redact_spans, unwrap_spans

from pydantic import ValidationError

GOOD = 'Søkeren [[skjermet hjemmel="offl. § 13"]]har gjeld[[/skjermet]] og får avslag.'

NEAR_MISSES = [
    '[[SKJERMET hjemmel="offl. § 13"]]X[[/SKJERMET]]',
    '[[Skjermet hjemmel="offl. § 13"]]X[[/skjermet]]',
    '[[ skjermet hjemmel="offl. § 13" ]]X[[ /skjermet ]]',
    '[skjermet hjemmel="offl. § 13"]X[/skjermet]',
    '[[skjerma hjemmel="offl. § 13"]]X[[/skjerma]]',
    '[[skjermet hjemmel="offl. § 13"]]X[/skjermet]',
    '[[skjermet hjemmel="offl. § 13"]]X[[/skjermet]',
    '[[skjermet hjemmel="offl. § 13"]]X[[ /skjermet]]',
    '[[[skjermet hjemmel="offl. § 13"]]]X[[/skjermet]]',
    '{{skjermet hjemmel="offl. § 13"}}X{{/skjermet}}',
    '<skjermet>X</skjermet>',
    '［［skjermet hjemmel="offl. § 13"］］X［［/skjermet］］',
    '[[skjermete hjemmel="offl. § 13"]]X[[/skjermet]]',
    '[Skjermingsvedtak](https://example.org)',
]
MALFORMED = {
    '[[skjermet hjemmel="offl. § 13"]]X': "never closed",
    'X[[/skjermet]]': "without an opening",
    '[[skjermet]]X[[/skjermet]]': "needs its hjemmel",
    '[[skjermet hjemmel=""]]X[[/skjermet]]': "needs its hjemmel",
    '[[skjermet hjemmel=offl. § 13]]X[[/skjermet]]': "needs its hjemmel",
    '[[skjermet hjemmel="a"]]X[[skjermet hjemmel="b"]]Y[[/skjermet]]': "cannot be nested",
    '[[skjermet hjemmel="offl. § 13"': "not closed with ']]'",
}


def test_exact_markup_parses_into_public_and_exempt_parts():
    assert parse_spans(GOOD) == [("Søkeren ", None), ("har gjeld", "offl. § 13"), (" og får avslag.", None)]
    assert redact_spans(GOOD, lambda h: f"<{h}>") == "Søkeren <offl. § 13> og får avslag."
    assert unwrap_spans(GOOD) == "Søkeren har gjeld og får avslag."


def test_the_word_in_running_text_is_plain_text():
    text = "Saken er skjermet etter offl. § 13 (skjerming vurdert)."
    assert parse_spans(text) == [(text, None)]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_are_errors_that_quote_no_content(text):
    with pytest.raises(SpanError) as err:
        parse_spans(text)
    assert err.value.near
    assert "X" not in err.value.message and "example" not in err.value.message
    assert "[[skjermet" in err.value.hint


@pytest.mark.parametrize("text,why", MALFORMED.items())
def test_malformed_markup_is_an_error(text, why):
    with pytest.raises(SpanError, match=why) as err:
        parse_spans(text)
    assert not err.value.near


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_kvk_check_refuses_a_near_miss_as_KVK120(text):
    with pytest.raises(ValidationError) as err:
        Sak.model_validate({"saksnr": "2009/1", "tittel": "T", "saksbehandler": "p",
                            "seksjoner": [{"type": "vurdering", "tekst": text}]})
    assert err.value.errors()[0]["type"] == "kvk_skjerming_near"


def test_a_model_built_without_validation_is_still_redacted_closed():
    assert redact_spans('[[SKJERMET hjemmel="x"]]HEMMELIG[[/SKJERMET]]', lambda h: f"<{h}>") == "<None>"


MARKUP_BITS = st.sampled_from(["[", "[[", "]]", "]", "skjermet", "SKJERMET", "skjerma", "/", " ", '"', "=",
                               "hjemmel", "hjemmel=\"offl. § 13\"", "[[skjermet", "[[/skjermet]]", "x", "\n",
                               "{", "<", "［"])


@settings(max_examples=400, deadline=None)
@given(st.lists(MARKUP_BITS, max_size=30).map("".join))
def test_any_text_parses_or_fails_and_never_shows_exempt_text_in_public(text):
    """Whatever the text, parsing ends with parts or a SpanError; when it parses, the parts put
    together are the text without its tags, and redaction leaves no exempt segment."""
    try:
        parts = parse_spans(text)
    except SpanError as err:
        assert 0 <= err.offset < len(text)
        return
    public = redact_spans(text, lambda h: "\0")
    for segment, hjemmel in parts:
        if hjemmel is None:
            assert segment in public
    assert public.count("\0") == sum(1 for _, h in parts if h is not None)
    assert unwrap_spans(text) == "".join(s for s, _ in parts)


@settings(max_examples=50, deadline=None)
@given(st.sampled_from(["[", "[[", " ", "[ ", "[[skjermet ", "[[skjermet hjemmel=\"", "skjerm", "[/",
                        "[[/skjermet]]", '[[skjermet hjemmel="a"]]', "]]"]),
       st.integers(1, 3))
def test_parsing_a_megabyte_is_linear(unit, tail):
    """1 MB of one repeated unit (the shapes that make backtracking parsers quadratic) parses
    or fails in well under a second."""
    text = unit * (1_000_000 // len(unit)) + "skjermet"[:tail]
    start = time.perf_counter()
    try:
        parse_spans(text)
    except SpanError:
        pass
    assert time.perf_counter() - start < 2.0


def test_a_megabyte_of_valid_spans_parses():
    span = '[[skjermet hjemmel="offl. § 13"]]x[[/skjermet]] '
    text = span * (1_000_000 // len(span))
    start = time.perf_counter()
    assert len(parse_spans(text)) == 2 * text.count("[[/skjermet]]")
    assert time.perf_counter() - start < 2.0
