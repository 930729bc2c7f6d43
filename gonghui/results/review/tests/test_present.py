"""How the review prints values and changes, on numbers worked out by hand."""

from decimal import Decimal

from gonghui.lib.figures import Figure, FigureKind, FigureUnit, Period
from gonghui.results.review import present

COUNT = Figure("x", "甲", "x", FigureUnit.COUNT, FigureKind.STOCK, "", "")
RATE = Figure("r", "乙", "r", FigureUnit.RATE, FigureKind.STOCK, "", "")
YUAN = Figure("y", "丙", "y", FigureUnit.YUAN, FigureKind.FLOW, "", "")


def test_values_print_as_a_chinese_report_writes_them():
    assert present.show(187000, FigureUnit.COUNT) == "187,000（18.7万）"
    assert present.show(9250, FigureUnit.COUNT) == "9,250"
    assert present.show("5315000.00", FigureUnit.YUAN) == "5,315,000.00 元（531.5万元）"
    assert present.show("170476.330000000", FigureUnit.YUAN, short=False) == "170,476.33 元"
    assert present.show(0.82, FigureUnit.RATE) == "82.0%"
    assert present.show(53000, FigureUnit.PERSON_TIMES) == "53,000 人次（5.3万人次）"
    assert present.show(12.5, FigureUnit.DAYS) == "12.5 天"
    assert present.show(None, FigureUnit.COUNT) == present.DASH
    assert (
        present.brief(187000, FigureUnit.COUNT) == "18.7万"
        and present.brief("241000.00", "yuan") == "24.1万元"
    )
    assert present.number("531.505", FigureUnit.YUAN) == Decimal("531.51")


def test_changes_give_the_difference_the_ratio_and_the_average_yearly_growth():
    # The seed's contracts: 9,840 enterprises after five years of 17.5 % a year from 4,392.
    assert (
        present.change(COUNT, 4392, 9840, label="较期初", spans=5) == "较期初 +5,448（+124.0%），年均 +17.5%"
    )
    assert present.change(COUNT, 10, 10, label="较期初", spans=5) == "较期初持平"
    assert present.change(COUNT, 0, 7, label="较期初", spans=5) == "较期初 +7"
    assert present.change(COUNT, 8, 6, label="2016年较2012年", spans=4).startswith(
        "2016年较2012年 -2（-25.0%）"
    )
    assert present.change(RATE, 0.8, 0.82, label="较期初", spans=5) == "较期初 +2.0个百分点"
    assert present.change(YUAN, "100.00", "150.50", label="x", spans=1) == "x +50.50 元（+50.5%）"
    assert present.change(COUNT, None, 5, label="x", spans=1) == ""


def test_periods():
    assert present.period_text(Period.years(2012, 2016)) == "2012—2016年"
    assert present.period_text(Period.year(2016)) == "2016年"
    assert present.figure_period(COUNT, Period.years(2012, 2016)) == "截至2016年12月31日"
    assert present.figure_period(YUAN, Period.month(2016, 2)) == "2016年2月1日—2016年2月29日"
