"""The seed's own chapters (实干, 真干, 巧干, 敢干) and which registry groups fill each section.

A group is a module's key in the KPI registry (`FigureSet.group`; "" is the spine's
organization figures). A section names the groups it prints and what to call one that is not
installed yet; a group that is installed but named by no section goes to a last chapter, so no
registered figure is ever left out."""

from dataclasses import dataclass

from gonghui.lib.figures import FigureSet


@dataclass(frozen=True)
class Slot:
    group: str
    name: str  # printed with "本模块尚未启用" while the group is not registered


@dataclass(frozen=True)
class Section:
    title: str
    slots: tuple[Slot, ...]


@dataclass(frozen=True)
class Chapter:
    short: str  # the workbook's sheet name
    title: str
    sections: tuple[Section, ...]


CHAPTERS = (
    Chapter("实干", "新常态中，围绕中心“实”干", (
        Section("第一支“令箭”：立功竞赛", (Slot("competitions", "立功竞赛"),)),
        Section("第二支“令箭”：素质提升", (Slot("skills", "素质提升"), Slot("honours", "先进典型"))),
        Section("第三支“令箭”：关怀激励", (Slot("care", "关怀激励"),)),
    )),
    Chapter("真干", "新关系中，切实维权“真”干", (
        Section("法律援助，网络“说话”", (Slot("disputes", "劳动争议调解与法律援助"),)),
        Section("创新机制，职工“说话”", (Slot("congress", "职工代表大会"),)),
        Section("集体协商，公平“说话”", (Slot("bargaining", "集体协商"),)),
    )),
    Chapter("巧干", "新服务中，凝聚职工“巧”干", (
        Section("首创工会会员服务卡项目", (Slot("cards", "会员服务卡"),)),
        Section("建设职工文化服务圈", (Slot("culture", "职工文化服务圈"),)),
    )),
    Chapter("敢干", "新要求中，自身建设“敢”干", (
        Section("工会组建工作提速", (Slot("", "组织建设"),)),
        Section("规范化建设、干部队伍与工会改革", (Slot("federation", "自身建设"),)),
    )),
)  # fmt: skip

OTHERS_SHORT, OTHERS_TITLE = "其他", "其他指标"

# The opening summary: the seed's headline figures, by (group, key), where registered.
HEADLINES = (
    ("", "members"),
    ("", "unions"),
    ("", "covered_units"),
    ("", "establishment_rate"),
    ("", "membership_rate"),
    ("", "new_units_covered"),
    ("", "new_members"),
    ("cards", "members_reached"),
    ("cards", "claim_people_paid"),
    ("cards", "claim_amount_paid"),
    ("cards", "merchants"),
    ("culture", "person_times"),
    ("culture", "funding_yuan"),
    ("disputes", "mediation_orgs"),
    ("congress", "establishment_rate"),
    ("bargaining", "enterprises_covered"),
    ("skills", "technician_rewards"),
    ("federation", "research_reports"),
)


def chapters_for(sets: tuple[FigureSet, ...]) -> tuple[Chapter, ...]:
    """The seed's chapters, and one more for registered groups no section names."""
    named = {slot.group for chapter in CHAPTERS for section in chapter.sections for slot in section.slots}
    others = tuple(
        Section(figures.zh, (Slot(figures.group, figures.zh),))
        for figures in sets
        if figures.group not in named
    )
    return CHAPTERS + ((Chapter(OTHERS_SHORT, OTHERS_TITLE, others),) if others else ())
