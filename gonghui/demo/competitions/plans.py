"""The district's merit competitions, as the seed tells them (2012-2016: old housing, the
technology firms, the family-doctor reform, major infrastructure, greening and city
appearance) and as they went on to today, with one still to come."""

import datetime
from dataclasses import dataclass

D = datetime.date


@dataclass(frozen=True)
class Plan:
    title: str
    partner: str
    category: str
    started_on: datetime.date
    ends_on: datetime.date
    period: str  # "month" or "quarter"
    rule: str  # "score" or "progress"
    measure: str
    planned: tuple[int, int]  # a team's plan, low and high
    teams: tuple[tuple[str, str], ...]  # (section, team name)
    rules: str = ""


def teams(names: list[str], section: str = "") -> tuple[tuple[str, str], ...]:
    return tuple((section, name) for name in names)


HOUSING = teams([f"第{n}征收事务所征收{g}组" for n in ("一", "二", "三", "四") for g in ("一", "二")])
TECH = teams(
    [
        f"{firm}研发团队"
        for firm in (
            "智能制造",
            "云计算",
            "生物医药",
            "新材料",
            "大数据",
            "集成电路",
            "环保科技",
            "数字出版",
            "物联网",
            "工业设计",
        )
    ]
)
DOCTORS = teams(
    [
        f"{street}社区卫生服务中心家庭医生团队"
        for street in (
            "定海路",
            "平凉路",
            "江浦路",
            "四平路",
            "控江路",
            "长白新村",
            "延吉新村",
            "殷行",
            "大桥",
            "五角场",
            "新江湾城",
            "五角场镇",
        )
    ]
)
WORKS = tuple(
    (section, f"{section}·{name}项目部")
    for section, names in (
        ("路", ("军工路改建", "内江路拓宽")),
        ("桥", ("杨浦大桥维修", "虬江桥新建")),
        ("水", ("定海港雨水泵站", "复兴岛污水管网")),
        ("电", ("江浦变电站", "新江湾电缆隧道")),
        ("隧", ("江浦路越江隧道", "周家嘴路越江隧道")),
        ("轨", ("轨道交通18号线", "轨道交通12号线配套")),
    )
    for name in names
)
GREEN = (
    teams(["环卫一所道路保洁班", "环卫二所垃圾清运班", "滨江环卫保障队"], "环卫保障类")
    + teams(["黄兴公园养护班", "共青森林公园养护班", "道路绿化养护一队"], "绿化养护类")
    + teams(["市容管理知识竞赛一队", "市容管理知识竞赛二队", "绿化市容综合队"], "综合知识类")
)

PLANS = (
    Plan(
        "旧区改造征收立功竞赛",
        "区房管局、区旧改指挥部",
        "housing",
        D(2012, 3, 1),
        D(2016, 12, 31),
        "month",
        "progress",
        "户",
        (300, 900),
        HOUSING,
        "阳光征收、规范操作、主动服务居民；竞赛进度上墙，流动红旗激励。",
    ),
    Plan(
        "“当好科学发展主力军，打好创新型攻坚战”科技企业职工立功竞赛",
        "区科技党工委",
        "technology",
        D(2012, 6, 1),
        D(2015, 12, 31),
        "quarter",
        "score",
        "项",
        (6, 20),
        TECH,
        "立足岗位创新实践，推进核心技术开发和自主品牌创立。",
    ),
    Plan(
        "“推进卫生新医改，当好健康守门人”惠民实事工程立功竞赛",
        "区卫计委",
        "health",
        D(2014, 3, 1),
        D(2017, 12, 31),
        "quarter",
        "score",
        "户签约",
        (2000, 6000),
        DOCTORS,
        "深化家庭医生制度，建立基层首诊和分级医疗。",
    ),
    Plan(
        "重大工程立功竞赛（路、桥、水、电、隧、轨）",
        "区建管委",
        "infrastructure",
        D(2015, 4, 1),
        D(2018, 12, 31),
        "month",
        "score",
        "%",
        (100, 100),
        WORKS,
        "激发职工创优奉献精神，促进项目按时保质完成。",
    ),
    Plan(
        "“践行新理念，建功‘十三五’”绿化市容职工立功竞赛",
        "区绿化和市容管理局",
        "greening",
        D(2016, 3, 1),
        D(2020, 12, 31),
        "quarter",
        "score",
        "%",
        (100, 100),
        GREEN,
        "环卫保障类、绿化养护类、综合知识类三大类分类评比。",
    ),
    Plan(
        "旧区改造收尾攻坚立功竞赛",
        "区旧改办",
        "housing",
        D(2017, 1, 1),
        D(2021, 12, 31),
        "month",
        "progress",
        "户",
        (200, 600),
        HOUSING[:6],
    ),
    Plan(
        "科创中心建设职工立功竞赛",
        "区科委",
        "technology",
        D(2019, 1, 1),
        D(2023, 12, 31),
        "quarter",
        "score",
        "项",
        (8, 24),
        TECH[:8],
    ),
    Plan(
        "重大工程立功竞赛（第二轮）",
        "区建管委",
        "infrastructure",
        D(2021, 1, 1),
        D(2027, 6, 30),
        "month",
        "score",
        "%",
        (100, 100),
        WORKS,
    ),
    Plan(
        "城市更新立功竞赛",
        "区住房保障和房屋管理局",
        "housing",
        D(2024, 1, 1),
        D(2027, 12, 31),
        "quarter",
        "progress",
        "户",
        (300, 800),
        HOUSING[:5],
    ),
    Plan(
        "城市数字化转型职工立功竞赛",
        "区科委、区大数据中心",
        "technology",
        D(2027, 1, 1),
        D(2028, 12, 31),
        "quarter",
        "score",
        "项",
        (6, 18),
        TECH[:6],
    ),
)

INDICATORS = (
    ("进度", "progress", 50),
    ("质量", "quality", 20),
    ("安全", "safety", 20),
    ("创新", "innovation", 10),
)
