"""The yearbook export: unions by unit category counted by hand on the test district, its total
row equal to the registry's figures, coverage by street from the registry, the congress table
from the registry or saying the module is not installed, and no cell a formula (FX-2)."""

import pytest
from django.core.management import CommandError, call_command

from gonghui.lib.figures import Period
from gonghui.organizations.models import Node, Unit
from gonghui.results import registry
from gonghui.results.review.files import write_review, write_yearbook_file
from gonghui.results.review.yearbook_xlsx import NOT_INSTALLED
from gonghui.testing import add_unit

from .reading import sheet_xml, sheets

pytestmark = pytest.mark.django_db
CATEGORY = "表1 按单位类别"


def rows_by_name(table: list[list], column: int = 1) -> dict[str, list]:
    return {row[column]: row for row in table[3:]}


def test_unions_by_unit_category_counted_by_hand(district, tmp_path):
    state = add_unit(district.pingliang, None, "平凉标记国有未建会单位", workforce=40)
    Unit.unscoped.filter(pk=state.pk).update(ownership=Unit.Ownership.STATE)
    (path,) = write_yearbook_file(district.root, 2016, tmp_path)
    table = sheets(path)[CATEGORY]
    assert table[2] == [
        "代码",
        "单位类别",
        "单位数",
        "应建会单位数",
        "已建会单位数",
        "建会率",
        "已建会单位职工数",
        "基层工会数",
        "会员数",
    ]
    rows = rows_by_name(table)
    # 4 private units (3 covered since 2013: 4 + 2 + 5 workers), 3 unions, 5 members; 1 state unit.
    assert rows["私营"][2:] == [4, 4, 3, 0.75, 11, 3, 5]
    assert rows["国有"][0] == "110" and rows["国有"][2:] == [1, 1, 0, 0, 0, 0, 0]
    assert rows["总计"][2:] == [5, 5, 3, 0.6, 11, 3, 5]
    assert rows["外商"][2:] == [0, 0, 0, "", 0, 0, 0]  # every category is listed
    spine = registry.figure_set("").compute(district.root, Period.year(2016))
    total = rows["总计"]
    assert (total[4], total[6], total[7], total[8]) == (
        spine["covered_units"],
        spine["workers_in_covered_units"],
        spine["unions"],
        spine["members"],
    )


def test_a_year_before_the_units_were_covered(district, tmp_path):
    (path,) = write_yearbook_file(district.root, 2012, tmp_path)
    rows = rows_by_name(sheets(path)[CATEGORY])
    # In 2012 no unit was covered yet; 平凉's union (founded 2010) covers none then.
    assert rows["私营"][2:] == [4, 4, 0, 0, 0, 0, 0]
    assert rows["未能归类（未覆盖单位的工会）"][2:] == [0, 0, 0, "", 0, 1, 0]


def test_coverage_by_street_and_members_come_from_the_registry(district, tmp_path):
    (path,) = write_yearbook_file(district.root, 2016, tmp_path)
    book = sheets(path)
    coverage = book["表3 分街镇覆盖"]
    header = coverage[2]
    assert header[:3] == ["街镇", "工会组织数", "会员总数"]
    rows = rows_by_name(coverage, column=0)
    assert list(rows) == ["总计", "定海路街道", "平凉路街道"]
    for name, node in (
        ("总计", district.root),
        ("定海路街道", district.dinghai),
        ("平凉路街道", district.pingliang),
    ):
        spine = registry.figure_set("").compute(node, Period.year(2016))
        for column, label in enumerate(header[1:], start=1):
            key = next(f.key for f in registry.figure_set("").figures if f.zh == label)
            assert rows[name][column] == pytest.approx(spine[key]), (name, key)
    members = {row[0]: row[1] for row in book["表2 会员"][3:]}
    assert members["会员总数"] == 5 and members["工会组织数"] == 3
    assert members["各类工会组织 · 基层工会"] == 3 and members["各类工会组织 · 街镇工会"] == 2


def test_the_congress_table_is_the_registry_s_or_says_it_is_missing(district, tmp_path):
    (path,) = write_yearbook_file(district.root, 2016, tmp_path)
    table = sheets(path)["表4 职工代表大会"]
    try:
        congress = registry.figure_set("congress")
    except KeyError:
        assert table[3][0] == NOT_INSTALLED
    else:
        assert table[2][1:] == [f.zh for f in congress.figures if not f.by]


def test_no_cell_of_either_workbook_is_a_formula(district, five_years, tmp_path):
    hostile = {"district": '=HYPERLINK("http://x","点我")', "street": "+1+2", "union": "@SUM(A1)"}
    Node.objects.filter(pk=district.root.pk).update(name=hostile["district"])
    Node.objects.filter(pk=district.pingliang.pk).update(name=hostile["street"])
    Node.objects.filter(pk=district.pingliang_union.pk).update(name=hostile["union"])
    root = Node.objects.get(pk=district.root.pk)
    (yearbook,) = write_yearbook_file(root, 2016, tmp_path / "yearbook")
    _pdf, review = write_review(root, five_years, tmp_path / "review")
    for path in (yearbook, review):
        assert not [xml for xml in sheet_xml(path) if "<f>" in xml or "<f " in xml], path
    cells = {
        str(cell)
        for path in (yearbook, review)
        for table in sheets(path).values()
        for row in table
        for cell in row
    }
    assert hostile["street"] in cells and hostile["district"] in cells  # kept, as text
    figures = sheets(review)["figures"]
    assert {row[5] for row in figures[1:]} == {hostile["district"]}


def test_the_command(district, tmp_path):
    call_command("yearbook", node=district.root.path, year=2016, out=tmp_path)
    assert "表1 按单位类别" in sheets(tmp_path / "yearbook.xlsx")
    with pytest.raises(CommandError):
        call_command("yearbook", node=district.root.path, year=1900, out=tmp_path)
