"""The demo district: the seed's Yangpu federation generated as records.

Targets at scale 1 (end of 2016): 12 streets, 20 park, 44 street-industry and
15 building unions, ~2,022 grassroots unions covering 9,250 of ~11,280
eligible units (82%), 187,000 active members = 91% of the workers of covered
units, and 2012-2016 history with ~3,197 newly covered units and ~54,000 new
members. From 2017 the district goes on to today (later.py): about 450 more units covered
and some unions founded, a fifth of the 2016 members gone and replaced, a few transfers.
Nothing here stores a KPI: the figures are computed from these rows.
"""

import datetime
from dataclasses import dataclass

from gonghui.organizations.models import Node

STREETS = [
    ("定海路街道", "dinghai"),
    ("平凉路街道", "pingliang"),
    ("江浦路街道", "jiangpu"),
    ("四平路街道", "siping"),
    ("控江路街道", "kongjiang"),
    ("长白新村街道", "changbai"),
    ("延吉新村街道", "yanji"),
    ("殷行街道", "yinhang"),
    ("大桥街道", "daqiao"),
    ("五角场街道", "wujiaochang"),
    ("新江湾城街道", "xinjiangwan"),
    ("五角场镇", "wujiaochangzhen"),
]
AS_OF = datetime.date(2016, 12, 31)
PERIOD_START = datetime.date(2012, 1, 1)
LATER_START = datetime.date(2017, 1, 1)  # from here on the district goes on to today
DEMO_PASSWORD = "gonghui-demo-2026"
TARGETS = {
    "park": 20,
    "industry": 44,
    "building": 15,
    "regional": 24,
    "grassroots": 2022,
    "covered": 9250,
    "eligible": 11280,
    "small_units": 1500,
    "members": 187_000,
    "new_units": 3197,
    "new_members": 54_000,
    # Since 2017: eligible units newly covered, and small units a joint union took in.
    "later_units": 450,
    "later_small": 60,
}
MEMBERSHIP_RATE = 0.91
UNIT_WORDS = "华东申江杨浦复兴长江东方新宇宏达恒信瑞丰国泰明珠金桥海纳博远创新智联科达润和永盛同济天成"
UNIT_SUFFIXES = [
    "科技有限公司",
    "实业有限公司",
    "贸易有限公司",
    "建设工程有限公司",
    "物业管理有限公司",
    "信息技术有限公司",
    "餐饮管理有限公司",
    "医院",
    "学校",
    "物流有限公司",
    "设计院",
    "超市有限公司",
]
INDUSTRY_WEIGHTS = {
    "C": 12,
    "E": 8,
    "F": 16,
    "G": 6,
    "H": 8,
    "I": 12,
    "K": 5,
    "L": 10,
    "M": 10,
    "O": 4,
    "P": 4,
    "Q": 3,
    "R": 2,
}
OWNERSHIP_WEIGHTS = {
    "170": 45,
    "159": 15,
    "169": 5,
    "110": 4,
    "151": 3,
    "161": 3,
    "300": 6,
    "200": 3,
    "400": 7,
    "500": 2,
    "700": 5,
    "120": 1,
    "190": 1,
}


def scaled(name: str, scale: float, minimum: int = 1) -> int:
    return max(minimum, round(TARGETS[name] * scale))


@dataclass
class UnitDraft:
    name: str
    street: Node
    union: Node | None = None
    covered_on: datetime.date | None = None
    workforce: int = 0
    eligible: bool = True
    members: int = 0

    @property
    def is_new(self) -> bool:
        """Covered by a union during the review period (2012-2016)."""
        return self.covered_on is not None and PERIOD_START <= self.covered_on <= AS_OF

    @property
    def is_later(self) -> bool:
        """Covered since the review period (2017 to today)."""
        return self.covered_on is not None and self.covered_on > AS_OF

    @property
    def covering(self) -> Node:
        assert self.union is not None, "only covered units have members"
        return self.union
