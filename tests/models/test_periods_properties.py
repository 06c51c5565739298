"""Property tests for reporting periods: parsing, printing, ordering and stepping."""

from datetime import date, timedelta

from hypothesis import given, strategies as st

from kvk.models.periods import FREQUENCIES, Period, period_range

YEARS = st.integers(min_value=1900, max_value=2100)


@st.composite
def periods(draw, freq=None):
    year = draw(YEARS)
    freq = freq or draw(st.sampled_from(sorted(FREQUENCIES)))
    top = Period(year, "W", 1).per_year() if freq == "W" else FREQUENCIES[freq][0]
    return Period(year, freq, draw(st.integers(min_value=1, max_value=top)))


@given(periods())
def test_round_trip(p):
    assert Period.parse(str(p)) == p
    assert str(Period.parse(str(p))) == str(p)


@given(periods(), st.integers(min_value=-200, max_value=200))
def test_shift_is_reversible_and_ordered(p, n):
    q = p.shift(n)
    assert q.shift(-n) == p
    assert (q > p) == (n > 0) and (q == p) == (n == 0)
    assert (q.start() > p.start()) == (n > 0)


@given(periods())
def test_next_starts_the_day_after_this_ends(p):
    assert p.next().start() == p.end() + timedelta(days=1)
    assert p.start() <= p.end()


@given(st.sampled_from(sorted(FREQUENCIES)), st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)))
def test_last_ended(freq, day):
    p = Period.last_ended(day, freq)
    assert p.end() <= day < p.next().end()


@given(periods(freq="Q"), st.integers(min_value=0, max_value=30))
def test_range_is_consecutive(p, n):
    span = period_range(p, p.shift(n))
    assert len(span) == n + 1 and span[0] == p and span == sorted(span)


@given(periods())
def test_same_period_last_year(p):
    q = p.same_period_last_year()
    assert q.year == p.year - 1 and q.freq == p.freq


@given(st.text(max_size=12))
def test_parse_never_crashes_otherwise(text):
    try:
        p = Period.parse(text)
    except ValueError:
        return
    assert Period.parse(str(p)) == p
