"""kvk.periods: the SDMX period forms, their calendar and their arithmetic."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kvk.models.periods import FREQUENCIES, Period, PeriodError


def _weeks(year: int) -> int:
    return date(year, 12, 28).isocalendar()[1]


@st.composite
def periods(draw, freq=None):
    freq = freq or draw(st.sampled_from(sorted(FREQUENCIES)))
    year = draw(st.integers(1901, 2098))
    last = _weeks(year) if freq == "W" else FREQUENCIES[freq][0]
    return Period(year, freq, draw(st.integers(1, last)))


same_freq_pairs = st.sampled_from(sorted(FREQUENCIES)).flatmap(lambda f: st.tuples(periods(f), periods(f)))


@pytest.mark.parametrize("text,year,freq,index,start,end", [
    ("2009", 2009, "A", 1, date(2009, 1, 1), date(2009, 12, 31)),
    ("2009-S1", 2009, "S", 1, date(2009, 1, 1), date(2009, 6, 30)),
    ("2009-T2", 2009, "T", 2, date(2009, 5, 1), date(2009, 8, 31)),
    ("2009-Q3", 2009, "Q", 3, date(2009, 7, 1), date(2009, 9, 30)),
    ("2009-M03", 2009, "M", 3, date(2009, 3, 1), date(2009, 3, 31)),
    ("2008-M02", 2008, "M", 2, date(2008, 2, 1), date(2008, 2, 29)),
    ("2009-W05", 2009, "W", 5, date(2009, 1, 26), date(2009, 2, 1)),
    ("2009-W01", 2009, "W", 1, date(2008, 12, 29), date(2009, 1, 4)),  # ISO week 1 starts in 2008
    ("2009-W53", 2009, "W", 53, date(2009, 12, 28), date(2010, 1, 3)),  # 2009 has 53 ISO weeks
])
def test_the_five_forms(text, year, freq, index, start, end):
    p = Period.parse(text)
    assert (p.year, p.freq, p.index) == (year, freq, index)
    assert (p.start(), p.end()) == (start, end)
    assert str(p) == text


@pytest.mark.parametrize("text,canonical", [
    ("2009-03", "2009-M03"),  # ISO month
    ("2009-M3", "2009-M03"),
    ("2009-W5", "2009-W05"),
    (" 2009-Q3 ", "2009-Q3"),
    ("2009-A1", "2009"),
])
def test_accepted_variants_print_in_the_canonical_form(text, canonical):
    assert str(Period.parse(text)) == canonical


@pytest.mark.parametrize("text,reason", [
    ("2009-Q5", "a year has 4 periods"),
    ("2009-Q0", "a year has 4 periods"),
    ("2009-M13", "a year has 12 periods"),
    ("2009-13", "a year has 12 periods"),
    ("2009-M00", "a year has 12 periods"),
    ("2009-S3", "a year has 2 periods"),
    ("2009-T4", "a year has 3 periods"),
    ("2010-W53", "2010 has no ISO week 53"),
    ("2009-W00", "2009 has no ISO week 0"),
    ("09", "is not a period"),
    ("2009-", "is not a period"),
    ("2009-q3", "is not a period"),
    ("2009Q3", "is not a period"),
    ("2009-K3", "is not a period"),
    ("3. kvartal 2009", "is not a period"),
    ("", "is not a period"),
    ("2009-Q3-1", "is not a period"),
])
def test_invalid_forms_are_refused_with_a_reason(text, reason):
    with pytest.raises(PeriodError, match=reason):
        Period.parse(text)


@given(periods())
def test_parse_and_str_round_trip(p):
    assert Period.parse(str(p)) == p


@given(st.text(max_size=12))
def test_parse_gives_a_period_or_a_period_error(text):
    try:
        p = Period.parse(text)
    except PeriodError:
        return
    assert Period.parse(str(p)) == p


@given(periods())
def test_a_period_is_contiguous_with_the_next(p):
    assert p.start() <= p.end()
    assert p.next().start() == p.end() + timedelta(days=1)
    assert p.previous().end() == p.start() - timedelta(days=1)


@given(periods())
def test_containing_finds_the_period_of_its_first_and_last_day(p):
    assert Period.containing(p.start(), p.freq) == p
    assert Period.containing(p.end(), p.freq) == p


@given(same_freq_pairs)
def test_ordering_is_chronological_within_a_frequency(pair):
    p, q = pair
    assert (p < q) == (p.start() < q.start())
    assert (p == q) == (p.start() == q.start())


@settings(max_examples=300)
@given(periods(), st.integers(-400, 400))
def test_shift_is_inverted_by_the_opposite_shift(p, n):
    assert p.shift(n).shift(-n) == p
    assert (p.shift(n) > p) == (n > 0)


@given(periods(), st.integers(0, 20))
def test_shift_is_repeated_next(p, n):
    q = p
    for _ in range(n):
        q = q.next()
    assert p.shift(n) == q


@given(periods().filter(lambda p: p.freq != "W"))
def test_same_period_last_year_is_one_year_back(p):
    last = p.same_period_last_year()
    assert (last.year, last.freq, last.index) == (p.year - 1, p.freq, p.index)
    assert p.shift(-p.per_year()) == last


def test_week_53_last_year_falls_back_to_week_52():
    assert Period.parse("2009-W53").same_period_last_year() == Period(2008, "W", 52)
    assert Period.parse("2016-W05").same_period_last_year() == Period(2015, "W", 5)


def test_quarters_of_the_programme_years():
    q = Period.parse("2008-Q4")
    assert [str(q.shift(i)) for i in range(4)] == ["2008-Q4", "2009-Q1", "2009-Q2", "2009-Q3"]
    assert str(Period.parse("2009-Q1").previous()) == "2008-Q4"
    assert str(Period.parse("2009-M01").shift(-1)) == "2008-M12"
