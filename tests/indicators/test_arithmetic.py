"""Indicator arithmetic against hand-computed figures."""

import pytest

from kvk.indicators.arithmetic import (
    Change, Point, annual, attainment, combine, mean_of_values, rolling, round_half_up,
)
from kvk.indicators import fmt
from kvk.indicators.scorecard import light
from kvk.models.periods import Period

Q = Period.parse


def pt(period, teller, nevner, status="A"):
    return Point(Q(period), 100 * teller / nevner, teller, nevner, frozenset(status))


def test_ratio_of_sums_is_not_the_average_of_percentages():
    # a small unit with a high rate and a large one with a low rate, same quarter:
    # 30 of 100 dagsverk lost (30 %) and 50 of 1000 (5 %)
    small, large = pt("2009-Q1", 30, 100), pt("2009-Q1", 50, 1000)
    together = combine([small, large], "forhold_av_summer")
    assert together.verdi == pytest.approx(80 / 1100 * 100)  # 7.2727... %
    assert round_half_up(together.verdi, 1) == 7.3
    assert (together.teller, together.nevner) == (80, 1100)
    # the trap: the plain mean of the two percentages says 17.5 %, more than twice the truth
    assert mean_of_values([small, large]) == pytest.approx(17.5)


def test_rolling_four_quarters_sums_numerators_and_denominators():
    series = {p.periode: p for p in [pt("2008-Q4", 60, 500), pt("2009-Q1", 70, 500),
                                     pt("2009-Q2", 40, 400), pt("2009-Q3", 30, 600),
                                     pt("2009-Q4", 50, 500)]}
    r4 = rolling(series, Q("2009-Q4"), "forhold_av_summer")
    assert r4.verdi == pytest.approx((70 + 40 + 30 + 50) / (500 + 400 + 600 + 500) * 100)  # 9.5
    assert r4.verdi == pytest.approx(9.5)
    # mean of the four quarterly rates would be (14 + 10 + 5 + 10) / 4 = 9.75
    assert mean_of_values([series[Q(p)] for p in ("2009-Q1", "2009-Q2", "2009-Q3", "2009-Q4")]) == pytest.approx(9.75)
    assert annual(series, 2009, "forhold_av_summer").verdi == pytest.approx(9.5)
    # a missing quarter means no rolling value, never a value over three quarters
    del series[Q("2009-Q2")]
    assert rolling(series, Q("2009-Q4"), "forhold_av_summer") is None


def test_rolling_without_a_declared_rule_is_refused():
    series = {Q(f"2009-Q{i}"): Point(Q(f"2009-Q{i}"), 10.0) for i in range(1, 5)}
    assert rolling(series, Q("2009-Q4"), None) is None
    assert rolling(series, Q("2009-Q4"), "forhold_av_summer") is None  # no teller/nevner
    assert rolling(series, Q("2009-Q4"), "snitt").verdi == 10.0


def test_change_in_points_and_percent():
    # SSB landsbasis Q4 2008 7.1 -> Q4 2009 7.6
    c = Change(7.1, 7.6)
    assert c.points == pytest.approx(0.5)
    assert c.percent == pytest.approx(0.5 / 7.1 * 100)  # 7.04 %
    assert Change(0, 3).percent is None


def test_change_is_labelled_in_text():
    class Ind:
        enhet, desimaler = "prosent", 1

    assert fmt.change(Change(11.4, 9.742), Ind) == "−1,7 pp / −14,5 %"

    class Score:
        enhet, desimaler = "poeng", 1

    assert fmt.change(Change(4.6, 4.9), Score) == "+0,3 poeng / +6,5 %"


def test_attainment_for_both_directions():
    # Rissa's claim 17 -> 9 against a target of 10: more than the whole way
    assert attainment(17, 9, 10, "lavere_er_bedre") == pytest.approx(8 / 7 * 100)  # 114.3 %
    assert fmt.attainment(attainment(17, 9, 10, "lavere_er_bedre")) == "≥100 %"
    assert attainment(3.6, 3.7, 4.0, "hoeyere_er_bedre") == pytest.approx(25.0)
    assert attainment(10, 11, 8, "lavere_er_bedre") == pytest.approx(-50.0)
    assert attainment(10, 9, 10, "lavere_er_bedre") is None
    assert attainment(10, 9, 8, "maalbaand") is None


def test_round_half_up_as_published():
    assert round_half_up(0.125, 2) == 0.13
    assert round(0.125, 2) == 0.12  # what Python would have printed
    assert round_half_up(9.75, 1) == 9.8
    assert fmt.num(-0.04, 1) == "0,0"


def test_sparkline_scales_and_leaves_gaps_blank():
    assert fmt.sparkline([17, 15, None, 12, 9]) == "█▆ ▄▁"
    assert fmt.sparkline([5, 5]) == "▄▄"
    assert fmt.sparkline([None]) == ""


class _T:
    def __init__(self, **kw):
        self.gul_innenfor = kw.get("gul_innenfor")
        self.groenn, self.gul, self.trend_doedbaand = kw.get("groenn"), kw.get("gul"), None


class _Ind:
    def __init__(self, retning, terskler=None, desimaler=1):
        self.retning, self.terskler, self.desimaler = retning, terskler, desimaler


@pytest.mark.parametrize("value,expected", [(9.5, "groenn"), (9.54, "groenn"), (9.74, "gul"), (10.0, "gul"),
                                            (10.06, "roed")])
def test_light_lower_is_better_with_a_yellow_band(value, expected):
    # judged on the value as published: 9.54 is 9.5 and meets a target of 9.5
    assert light(value, 9.5, _Ind("lavere_er_bedre", _T(gul_innenfor=0.5))) == expected


@pytest.mark.parametrize("value,expected", [(5.0, "groenn"), (4.8, "gul"), (4.7, "roed")])
def test_light_higher_is_better_with_explicit_limits(value, expected):
    assert light(value, 5.2, _Ind("hoeyere_er_bedre", _T(groenn=5.0, gul=4.8))) == expected


@pytest.mark.parametrize("value,expected", [(50.0, "groenn"), (51.5, "gul"), (48.0, "gul"), (53.0, "roed")])
def test_light_target_band(value, expected):
    assert light(value, 50.0, _Ind("maalbaand", _T(gul_innenfor=2.0))) == expected


def test_light_without_thresholds_is_green_or_red():
    assert light(8.0, 8.0, _Ind("lavere_er_bedre")) == "groenn"
    assert light(8.1, 8.0, _Ind("lavere_er_bedre")) == "roed"
