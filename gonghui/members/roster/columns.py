"""Column names unions actually use, mapped to member fields."""

import re

from django.utils.translation import gettext_lazy as _

SYNONYMS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "会员姓名", "职工姓名", "名字"),
    "id_number": ("身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证", "证件号"),
    "phone": ("手机", "手机号", "手机号码", "联系电话", "联系方式", "电话"),
    "gender": ("性别",),
    "birth_date": ("出生日期", "出生年月", "生日"),
    "ethnicity": ("民族",),
    "education": ("学历", "文化程度"),
    "political_status": ("政治面貌",),
    "hukou_type": ("户籍类型", "户口性质", "户籍性质"),
    "hukou_place": ("户籍所在地", "户籍地", "籍贯"),
    "residence": ("现居住地", "现住址", "居住地址", "家庭住址"),
    "unit": ("工作单位", "单位", "单位名称", "所在单位"),
    "position": ("职务", "岗位", "职务/岗位"),
    "employment": ("就业状态",),
    "skill_level": ("技能等级", "职业技能等级"),
    "is_model_worker": ("是否劳模", "劳模"),
    "joined_on": ("入会日期", "入会时间", "入会年月"),
    "member_no": ("会员编号",),
    "card_no": ("会员卡号", "卡号"),
    "emergency_contact": ("紧急联系人",),
    "emergency_phone": ("紧急联系人电话", "紧急联系电话"),
}
LABELS = {
    "name": _("姓名"),
    "id_number": _("身份证号"),
    "phone": _("手机"),
    "gender": _("性别"),
    "birth_date": _("出生日期"),
    "ethnicity": _("民族"),
    "education": _("学历"),
    "political_status": _("政治面貌"),
    "hukou_type": _("户籍类型"),
    "hukou_place": _("户籍所在地"),
    "residence": _("现居住地"),
    "unit": _("工作单位"),
    "position": _("职务"),
    "employment": _("就业状态"),
    "skill_level": _("技能等级"),
    "is_model_worker": _("是否劳模"),
    "joined_on": _("入会日期"),
    "member_no": _("会员编号"),
    "card_no": _("会员卡号"),
    "emergency_contact": _("紧急联系人"),
    "emergency_phone": _("紧急联系人电话"),
}
TEMPLATE_FIELDS = [
    "name",
    "id_number",
    "phone",
    "unit",
    "joined_on",
    "education",
    "political_status",
    "hukou_type",
    "position",
    "skill_level",
    "is_model_worker",
]
_LOOKUP = {re.sub(r"\s|\*|（.*?）|\(.*?\)", "", s): f for f, names in SYNONYMS.items() for s in names}


def clean_header(text: str) -> str:
    return re.sub(r"\s|\*|（.*?）|\(.*?\)", "", text)


def match_header(header: list[str], saved: dict[str, str]) -> tuple[dict[int, str], list[str]]:
    """Column index -> field; a union's saved mapping (header text -> field) wins."""
    mapping: dict[int, str] = {}
    unknown: list[str] = []
    for index, text in enumerate(header):
        if not text:
            continue
        field = saved.get(text) or _LOOKUP.get(clean_header(text))
        if field and field in SYNONYMS and field not in mapping.values():
            mapping[index] = field
        elif field != "":
            unknown.append(text)
    return mapping, unknown
