"""The blank roster workbook unions download: the right columns, the ID column as
text (so Excel cannot eat digits), drop-down lists and an example row."""

import io

import xlsxwriter

from gonghui.lib.spreadsheets import XLSX_OPTIONS

from ..models import Education, HukouType, PoliticalStatus, SkillLevel
from .columns import LABELS, TEMPLATE_FIELDS

EXAMPLE = {
    "name": "张三",
    "id_number": "11010519491231002X",
    "phone": "13812345678",
    "unit": "（填写单位全称）",
    "joined_on": "2024-03-01",
    "education": "本科",
    "political_status": "群众",
    "hukou_type": "本市城镇",
    "position": "职员",
    "skill_level": "",
    "is_model_worker": "否",
}
LISTS = {
    "education": [str(label) for _v, label in Education.choices],
    "political_status": [str(label) for _v, label in PoliticalStatus.choices],
    "hukou_type": [str(label) for _v, label in HukouType.choices],
    "skill_level": [str(label) for value, label in SkillLevel.choices if value],
    "is_model_worker": ["是", "否"],
}


def template_workbook() -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {**XLSX_OPTIONS, "constant_memory": False, "in_memory": True})
    sheet = book.add_worksheet("会员花名册")
    text = book.add_format({"num_format": "@"})
    bold = book.add_format({"bold": True, "bg_color": "#F2F2F2"})
    sheet.merge_range(
        0, 0, 0, len(TEMPLATE_FIELDS) - 1, "工会会员花名册（请从第3行起填写，身份证号列已设为文本）"
    )
    for column, field in enumerate(TEMPLATE_FIELDS):
        sheet.write_string(1, column, str(LABELS[field]), bold)
        sheet.set_column(column, column, 22 if field == "id_number" else 14, text)
        sheet.write_string(2, column, EXAMPLE[field])
        if field in LISTS:
            sheet.data_validation(2, column, 5000, column, {"validate": "list", "source": LISTS[field]})
        if field == "id_number":
            sheet.data_validation(
                2,
                column,
                5000,
                column,
                {
                    "validate": "length",
                    "criteria": "between",
                    "minimum": 15,
                    "maximum": 18,
                    "error_message": "身份证号应为15位或18位",
                },
            )
    notes = book.add_worksheet("填写说明")
    for row, line in enumerate(
        [
            "1. 姓名、身份证号为必填；手机号用于会员登录。",
            "2. 身份证号请保持文本格式，不要改成数字，否则后几位会丢失。",
            "3. 日期可写作 2015-3-1、2015.3.1、2015年3月1日 或 2015/03。",
            "4. 同一人重复出现、身份证号有误的行会在导入预览中标出，不会导入。",
        ]
    ):
        notes.write_string(row, 0, line)
    book.close()
    return buffer.getvalue()
