"""The streaming .xlsx reader gives what python-calamine gives, for the parts of the format that
workbooks from Excel, WPS, LibreOffice and other producers use."""

import datetime
import io
import zipfile

import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook

from gonghui.lib import xlsx_rows
from gonghui.lib.xlsx_rows import XlsxError, is_date_format, open_first_sheet


def calamine_rows(data: bytes) -> list[list]:
    return list(CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).iter_rows())


def workbook_of_every_kind_of_cell() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("名册")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    chinese_day = book.add_format({"num_format": 'yyyy"年"m"月"d"日"'})
    money = book.add_format({"num_format": '#,##0.00 "元"'})
    sheet.write_row(0, 0, ["姓名", "身份证号", "数字", "日期", "时间", "布尔", "公式", "金额"])
    sheet.write_string(1, 0, "张三 & <李四>")
    sheet.write_string(1, 1, "310110199001010011")
    sheet.write_number(1, 2, 310110199001010000.0)
    sheet.write_datetime(1, 3, datetime.datetime(2015, 3, 1), day)
    sheet.write_datetime(1, 4, datetime.datetime(2015, 3, 1, 12, 30), day)
    sheet.write_boolean(1, 5, True)
    sheet.write_formula(1, 6, '="甲"&"乙"', None, "甲乙")
    sheet.write_number(1, 7, 12.5, money)
    sheet.write_datetime(3, 3, datetime.datetime(1990, 1, 1), chinese_day)  # row 3 left out
    sheet.write_string(4, 27, "远列")  # column AB
    sheet.merge_range(5, 0, 6, 1, "合并")
    book.close()
    return buffer.getvalue()


def test_every_kind_of_cell_reads_as_calamine_reads_it():
    data = workbook_of_every_kind_of_cell()
    sheet = open_first_sheet(data)
    rows = list(sheet.rows)
    assert rows == calamine_rows(data)
    assert rows[1][:8] == [
        "张三 & <李四>",
        "310110199001010011",
        310110199001010000.0,
        datetime.date(2015, 3, 1),
        datetime.datetime(2015, 3, 1, 12, 30),
        True,
        "甲乙",
        12.5,
    ]
    assert rows[4][27] == "远列" and len(rows[0]) == 28
    assert sheet.merged == [((5, 0), (6, 1))]
    assert sheet.height == 7


def test_many_rows_come_through_block_by_block(monkeypatch):
    monkeypatch.setattr(xlsx_rows, "BLOCK", 1024)  # a few rows a block: every cut is exercised
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for r in range(2000):
        sheet.write_row(r, 0, [f"职工{r}", f"{r:018d}", r, "本科"])
    book.close()
    rows = list(open_first_sheet(buffer.getvalue()).rows)
    assert rows == calamine_rows(buffer.getvalue())
    assert len(rows) == 2000 and rows[1999] == ["职工1999", f"{1999:018d}", 1999.0, "本科"]


def handmade_xlsx(sheet_xml: str, *, strings_xml: str | None = None, date1904: bool = False) -> bytes:
    """A workbook as some producers write it: a prefixed namespace, the sheet under another
    name and an absolute relationship target."""
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "xl/workbook.xml",
            f'<x:workbook xmlns:x="{main}" xmlns:r="{rel}"><x:workbookPr date1904="{int(date1904)}"/>'
            '<x:sheets><x:sheet name="甲" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId7" Type="{rel}/worksheet" Target="/xl/worksheets/data.xml"/>'
            f'<Relationship Id="rId8" Type="{rel}/sharedStrings" Target="strings.xml"/>'
            f'<Relationship Id="rId9" Type="{rel}/styles" Target="styles.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/styles.xml",
            f'<x:styleSheet xmlns:x="{main}"><x:cellXfs count="2"><x:xf numFmtId="0"/><x:xf numFmtId="14"/>'
            "</x:cellXfs></x:styleSheet>",
        )
        archive.writestr(
            "xl/worksheets/data.xml",
            f'<x:worksheet xmlns:x="{main}"><x:sheetData>{sheet_xml}</x:sheetData></x:worksheet>',
        )
        if strings_xml is not None:
            archive.writestr("xl/strings.xml", f'<x:sst xmlns:x="{main}">{strings_xml}</x:sst>')
    return buffer.getvalue()


def test_prefixed_inline_rich_and_phonetic_text_and_cells_without_references():
    data = handmade_xlsx(
        '<x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>单</x:t></x:r>'
        '<x:r><x:t>雄信</x:t></x:r></x:is></x:c><x:c s="1"><x:v>42064</x:v></x:c></x:row>'
        '<x:row r="3"><x:c r="B3" t="s"><x:v>1</x:v></x:c><x:c r="C3" t="b"><x:v>0</x:v></x:c></x:row>',
        strings_xml='<x:si><x:t>曾</x:t><x:rPh sb="0" eb="1"><x:t>zeng</x:t></x:rPh></x:si>'
        "<x:si><x:r><x:t>a&amp;</x:t></x:r><x:r><x:t>b</x:t></x:r></x:si>",
    )
    assert list(open_first_sheet(data).rows) == [
        ["曾", "单雄信", datetime.date(2015, 3, 1)],
        ["", "", ""],
        ["", "a&b", False],
    ]


def test_the_1904_date_system():
    data = handmade_xlsx('<x:row r="1"><x:c r="A1" s="1"><x:v>0</x:v></x:c></x:row>', date1904=True)
    assert list(open_first_sheet(data).rows) == [[datetime.date(1904, 1, 1)]]


def test_a_broken_sheet_fails_where_it_breaks_after_the_rows_before_it(monkeypatch):
    monkeypatch.setattr(xlsx_rows, "BLOCK", 64)
    good = "".join(f'<x:row r="{r}"><x:c r="A{r}"><x:v>{r}</x:v></x:c></x:row>' for r in range(1, 6))
    rows = open_first_sheet(handmade_xlsx(good + '<x:row r="6"><x:c r="A6"><x:v>')).rows
    assert [next(rows) for _ in range(3)] == [[1.0], [2.0], [3.0]]
    with pytest.raises(XlsxError):
        list(rows)


def test_a_zip_that_is_no_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("content.xml", "<office:document/>")
    with pytest.raises(XlsxError):
        open_first_sheet(buffer.getvalue())


@pytest.mark.parametrize(
    ("code", "is_date"),
    [
        ("yyyy-mm-dd", True),
        ('yyyy"年"m"月"d"日"', True),
        ("[$-804]yyyy年m月", True),
        ("h:mm:ss", True),
        ('#,##0.00 "元"', False),
        ("General", False),
        ("0.00E+00", False),
        ("[Red]0.00", False),
    ],
)
def test_which_number_formats_are_dates(code, is_date):
    assert is_date_format(code) is is_date
