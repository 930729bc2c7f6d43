"""The review prints the registry's figures and nothing else: the workbook's figures sheet is the
registry's answer value for value, a changed record changes the PDF and the workbook, a module
that is not installed is said to be so, and the PDF is A4 with embedded CJK fonts and no raster."""

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from gonghui.lib.figures import Period
from gonghui.results import registry
from gonghui.results.review import data as review_data
from gonghui.results.review.chapters import CHAPTERS
from gonghui.results.review.files import write_review
from gonghui.results.review.present import number
from gonghui.results.review.workbook import FIGURE_COLUMNS, flatten
from gonghui.testing import add_member

from .reading import figure_value, pdf_text, sheets

pytestmark = pytest.mark.django_db
STOCK_DAY = "截至2016年12月31日"


def test_the_figures_sheet_is_the_registry_s_answer(district, five_years, tmp_path):
    _pdf, xlsx = write_review(district.root, five_years, tmp_path)
    rows = sheets(xlsx)["figures"]
    assert tuple(rows[0]) == FIGURE_COLUMNS
    got = {row[0]: row for row in rows[1:]}
    expected = registry.figures_for(district.root, five_years)
    years = list(five_years.years_covered())
    count = 0
    for figures in registry.figure_sets():
        values = expected[figures.group] if figures.group else expected
        for figure in figures.figures:
            for key, _label, value, unit in flatten(figures, figure, values[figure.key], years):
                want = number(value, unit)
                assert got[key][2] == ("" if want is None else pytest.approx(float(want))), key
                assert got[key][3] == unit and got[key][5] == district.root.name
                count += 1
    assert count == len(rows) - 1
    assert got["members"][2] == 5 and got["members"][4] == "2016-12-31"
    assert got["new_members"][4] == "2012-01-01..2016-12-31"


def test_a_changed_record_changes_the_review(district, five_years, tmp_path):
    pdf, xlsx = write_review(district.root, five_years, tmp_path / "before")
    text = pdf_text(pdf)
    assert figure_value(text, "会员总数", STOCK_DAY) == "5"
    assert figure_value(text, "新发展会员", "2012—2016年") == "6"  # the one who left since, too
    for n in range(12):
        add_member(district.dinghai_union, district.units["dinghai_a"], f"新会员{n}")
    pdf, xlsx = write_review(district.root, five_years, tmp_path / "after")
    text = pdf_text(pdf)
    assert figure_value(text, "会员总数", STOCK_DAY) == "17"
    assert figure_value(text, "新发展会员", "2012—2016年") == "18"
    assert "逐年：2012年02013年02014年182015年02016年0" in text  # new members year by year
    book = sheets(xlsx)
    assert {row[0]: row[2] for row in book["figures"][1:]}["members"] == 17
    organization = next(row for row in book["敢干"] if row[2] == "members")
    header = book["敢干"][1]
    assert organization[header.index("数值")] == 17
    assert organization[header.index("2013年")] == 0 and organization[header.index("2014年")] == 17
    assert organization[header.index("变化")] == "较期初 +17"


def test_a_section_whose_module_is_not_installed_says_so(district, five_years, tmp_path, monkeypatch):
    installed = registry.figure_sets()
    monkeypatch.setattr(
        review_data, "figure_sets", lambda: tuple(s for s in installed if s.group != "culture")
    )
    pdf, xlsx = write_review(district.root, five_years, tmp_path)
    text = pdf_text(pdf)
    missing = {slot.group: slot.name for c in CHAPTERS for s in c.sections for slot in s.slots}
    absent = {group for group in missing if group not in {s.group for s in installed}} | {"culture"}
    for group in absent:
        assert f"{missing[group]}：本模块尚未启用" in text
    assert "会员服务卡" in text and "持卡会员" in text  # installed modules print their figures
    book = sheets(xlsx)
    assert not [row for row in book["figures"] if str(row[0]).startswith("culture.")]
    assert book["巧干"][-1][:4] == ["建设职工文化服务圈", "职工文化服务圈", "", "本模块尚未启用"]


def test_the_pdf_is_a4_with_embedded_chinese_fonts_and_vector_charts(district, five_years, tmp_path):
    pdf, _xlsx = write_review(district.root, five_years, tmp_path)
    reader = PdfReader(pdf)
    fonts = set()
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (595, 842)  # A4 in points
        resources = page["/Resources"]
        assert "/XObject" not in resources or not [
            x for x in resources["/XObject"].values() if x.get_object()["/Subtype"] == "/Image"
        ]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
            fonts.add(str(font["/BaseFont"]).split("+")[1].split("-")[0])
    assert {"NotoSansCJKsc", "NotoSerifCJKsc"} <= fonts
    text = pdf_text(pdf)
    for chapter in CHAPTERS:
        assert chapter.title in text
    assert "口径：期末会籍有效" in text  # the registry's Chinese definition
    assert "新增建会单位（逐年）" in text  # a chart of a flow by year


def test_the_command_writes_both_files(district, tmp_path):
    call_command("review", node=district.root.name, first=2012, last=2016, out=tmp_path)
    assert (tmp_path / "review.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "review.xlsx").stat().st_size > 0
    with pytest.raises(CommandError):
        call_command("review", node="没有这个组织", first=2012, last=2016, out=tmp_path)
    with pytest.raises(CommandError):
        call_command("review", node=str(district.root.pk), first=2016, last=2012, out=tmp_path)


def test_a_single_year_has_no_change_between_years(district, tmp_path):
    pdf, _xlsx = write_review(district.root, Period.year(2014), tmp_path)
    text = pdf_text(pdf)
    assert figure_value(text, "新发展会员", "2014年") == "6"


def test_without_the_chinese_fonts_the_pdf_is_refused_plainly(settings, tmp_path):
    from gonghui.results.review.pdf import FontMissing, font_dirs

    settings.REVIEW_FONT_DIRS = [str(tmp_path)]
    with pytest.raises(FontMissing, match="fonts-noto-cjk"):
        font_dirs()
    settings.REVIEW_FONT_DIRS = None
    assert any("noto" in folder.lower() for folder in font_dirs())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_registry_asked_from_two_threads_answers_as_in_turn(five_years, monkeypatch):
    from gonghui.testing import build_district

    district = build_district()
    assert review_data.in_parallel()  # a task or a command: no transaction around it
    both = review_data.gather(district.root, five_years)
    monkeypatch.setattr(review_data, "in_parallel", lambda: False)
    in_turn = review_data.gather(district.root, five_years)
    assert (both.total, both.opening, both.yearly) == (in_turn.total, in_turn.opening, in_turn.yearly)
    assert [(node.pk, values) for node, values in both.children] == [
        (node.pk, values) for node, values in in_turn.children
    ]
