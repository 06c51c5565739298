"""The agreement of tests/editor/test_agreement.py over generated spellings (hypothesis): any
short text of the characters a value of each kind is made of, written quoted (a string to every
YAML reader) and plain (whatever YAML 1.2 makes of it), gets the same verdict from kvk and from
the schema, except in the places docs/editors.md names."""

from __future__ import annotations

import calendar
import json
import re
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kvk.models.common import LARGEST

from .records import editor_load, schema_errors
from .test_agreement import INDICATORS, INDICATORS_OK, MEETING, MEETING_OK, kvk_accepts

#: field -> the characters its values are made of
ALPHABETS = {
    "moetedato": "0123456789-./ ",
    "start": "0123456789:. ",
    "periode": "0123456789-QMWSTA ",
    "verdi": "0123456789.,-+eE_ ",
    "for_": "0123456789.-+_ ",
    "saksnr": "0123456789/ ",
    "janei": "jaJAneiNEIsuntrfl ",
    "person": "abcK0123-_./ ",
}


def _impossible_in_that_year(field: str, text: str) -> bool:
    """The spellings a pattern cannot judge: 29 February in a year that has none, ISO week 53 in
    a year that has 52."""
    text = text.strip()
    if field == "moetedato":
        m = re.fullmatch(r"(\d{4})-0?2-29|0?29\.0?2\.(\d{4})", text)
        return bool(m) and not calendar.isleap(int(m[1] or m[2]))
    if field == "periode":
        m = re.fullmatch(r"(\d{4})-W(53)", text)
        return bool(m) and date(int(m[1]), 12, 28).isocalendar()[1] != 53
    return False


def _too_large_as_text(field: str, text: str) -> bool:
    """A number in quotes beyond kvk's largest (10**15): a bound on text is no regex (docs/editors.md);
    unquoted, YAML 1.2 makes it a number, and the schema's maximum judges it."""
    try:
        return field == "verdi" and abs(float(text.replace("_", ""))) > LARGEST
    except ValueError:
        return False


def record(field: str, spelling: str) -> tuple[str, str]:
    if field in MEETING_OK:
        return "moete", MEETING.format(**{**MEETING_OK, field: spelling})
    return "indikatorer", INDICATORS.format(**{**INDICATORS_OK, field: spelling})


@st.composite
def spellings(draw):
    field = draw(st.sampled_from(sorted(ALPHABETS)))
    return field, draw(st.text(ALPHABETS[field], min_size=1, max_size=12))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spellings())
def test_quoted_spellings_agree(case):
    field, text = case
    if _impossible_in_that_year(field, text) or _too_large_as_text(field, text):
        return
    kind, doc = record(field, json.dumps(text))
    assert kvk_accepts(kind, doc) == (schema_errors(kind, doc) == []), (field, text)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spellings())
def test_plain_spellings_agree(case):
    from .test_agreement import DIVERGES

    field, text = case
    text = text.strip()
    if not text or _impossible_in_that_year(field, text) or (field, text) in DIVERGES:
        return
    kind, doc = record(field, text)
    try:
        errors = schema_errors(kind, doc)
    except Exception:  # not YAML at all (`-` alone, `.:` …): the editor says so itself
        return
    kvk = kvk_accepts(kind, doc)
    if kvk == (not errors):
        return
    # where the editor's reader makes a number or null of it, it has lost the spelling kvk
    # decides by (13 and 13.00; 0301 and 301; `Null` and an empty value): the schema may accept
    # what kvk refuses, never the reverse
    value = editor_load(f"x: {text}")["x"]
    assert (value is None or isinstance(value, (int, float)) and not isinstance(value, bool)) and not kvk, \
        (field, text, errors)
