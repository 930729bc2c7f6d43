"""The periods a dashboard asks for and compares with, and figures as a reader sees them."""

import datetime

import pytest

from gonghui.lib.figures import Figure, FigureKind, FigureUnit, Period, PeriodError
from gonghui.results.periods import chosen_from, previous, standard_periods, trend_months
from gonghui.results.present import change, display, drill_url

D = datetime.date
TODAY = D(2026, 12, 7)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        (Period.year(2016), Period.year(2015)),
        (Period.years(2012, 2016), Period.years(2007, 2011)),
        (Period.month(2016, 3), Period.month(2016, 2)),
        (Period.month(2016, 1), Period.month(2015, 12)),
        (Period.as_of(D(2016, 12, 31)), Period.as_of(D(2015, 12, 31))),
        (Period.as_of(D(2016, 2, 29)), Period.as_of(D(2015, 2, 28))),
        # still running: the same days of the period before
        (Period.year(2026), Period(D(2025, 1, 1), D(2025, 12, 7))),
        (Period.month(2026, 12), Period(D(2026, 11, 1), D(2026, 11, 7))),
        (Period(D(2016, 3, 1), D(2016, 3, 10)), Period(D(2016, 2, 20), D(2016, 2, 29))),
    ],
)
def test_a_period_is_compared_with_the_one_before_of_the_same_length(period, expected):
    assert previous(period, TODAY) == expected


def test_the_query_takes_the_apis_parameters_and_defaults_to_this_year():
    assert chosen_from({}, TODAY).period == Period.year(2026)
    assert chosen_from({"year": "2016"}, TODAY).params == {"year": "2016"}
    assert chosen_from({"from": "2012", "to": "2016"}, TODAY).period == Period.years(2012, 2016)
    assert chosen_from({"month": "2016-05"}, TODAY).period == Period.month(2016, 5)
    chosen = chosen_from({"as_of": "2016-12-31"}, TODAY)
    assert chosen.period == Period.as_of(D(2016, 12, 31)) and chosen.name == "截至2016-12-31"
    for wrong in (
        {"year": "abc"},
        {"year": "2016", "month": "2016-01"},
        {"month": "2016-13"},
        {"as_of": "x"},
    ):
        with pytest.raises(PeriodError):
            chosen_from(wrong, TODAY)


def test_the_standard_periods_cover_the_trends_and_their_comparisons():
    periods = standard_periods(TODAY)
    assert Period.as_of(TODAY) in periods and Period.year(2026) in periods
    assert Period(D(2025, 1, 1), D(2025, 12, 7)) in periods  # this year so far, a year ago
    assert all(Period.year(y) in periods for y in range(2012, 2027))
    assert all(Period.month(2026, m) in periods for m in range(1, 13))
    assert len(periods) == len(set(periods))
    assert trend_months(Period.years(2012, 2016), TODAY) == []
    assert len(trend_months(Period.year(2016), TODAY)) == 12


def test_values_print_in_their_unit():
    assert display(0.8234, FigureUnit.RATE) == "82.3%"
    assert display("1020000.00000000", FigureUnit.YUAN) == "¥1,020,000.00"
    assert display("5315000", FigureUnit.YUAN) == "¥5,315,000.00"
    assert display(187000, FigureUnit.COUNT) == "187,000"
    assert display(53000, FigureUnit.PERSON_TIMES) == "53,000"
    assert display(None, FigureUnit.COUNT) == "—"
    assert display(12.5, FigureUnit.DAYS) == "12.5 天"


def test_changes_are_per_cent_or_percentage_points():
    assert change(110, 100, FigureUnit.COUNT).text == "+10.0%"
    assert change(90, 100, FigureUnit.COUNT).direction == "down"
    assert change(0.91, 0.82, FigureUnit.RATE).text == "+9.0 个百分点"
    assert change("120.00", "100.00", FigureUnit.YUAN).text == "+20.0%"
    assert change(5, 0, FigureUnit.COUNT).text == "新增"
    assert change(None, 3, FigureUnit.COUNT) is None


def test_a_drill_down_names_the_node_the_period_and_the_lists_own_filters():
    figure = Figure(
        "new_members", "新发展会员", "New members", FigureUnit.COUNT, FigureKind.FLOW, "x", "y",
        drill="members:list", drill_query="joined_year={year}&status=active",
    )  # fmt: skip
    url = drill_url(figure, 7, {"year": "2016"})
    assert url.startswith("/members/?") and "node=7" in url and "joined_year=2016" in url
    assert "status=active" in url
    assert "joined_year" not in drill_url(figure, 7, {"month": "2016-05"})  # no single year: left out
    assert drill_url(figure, 7, {}, channel="court").endswith("channel=court")
