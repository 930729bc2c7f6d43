"""The catalogues every district starts with: the district's model-union standard (four parts,
100 points) and the 12351 hotline's two-level categories with their deadlines and routing.
A migration writes them; `ensure_catalogues` puts back what a flushed test database lost."""

from django.db import transaction

from .models import HotlineCategory, StandardItem

STANDARD = [
    ("organization", "O1", "依法建会，组织机构健全，委员分工明确", 10),
    ("organization", "O2", "按期换届，民主选举工会主席", 8),
    ("organization", "O3", "职工入会率达到90%以上，会员信息完整", 7),
    ("rules", "R1", "职代会制度健全，每年按期召开", 10),
    ("rules", "R2", "工会经费独立核算，收支规范", 8),
    ("rules", "R3", "厂务公开，民主管理制度落实", 7),
    ("home", "H1", "有职工之家活动阵地并正常开放", 10),
    ("home", "H2", "经常开展职工文体活动", 8),
    ("home", "H3", "建立劳动争议调解委员会", 7),
    ("service", "S1", "开展集体协商，签订集体合同和工资专项协议", 10),
    ("service", "S2", "建立困难职工帮扶机制", 8),
    ("service", "S3", "组织职工技能培训和劳动竞赛", 7),
]
# (code, name, deadline days, level, dispute) under each first level
CATEGORIES = [
    (
        "01",
        "劳动关系",
        [
            ("0101", "工资报酬", 7, "street", True),
            ("0102", "劳动合同", 7, "street", True),
            ("0103", "社会保险", 7, "street", True),
            ("0104", "工伤与职业病", 10, "district", True),
        ],
    ),
    (
        "02",
        "工会组织",
        [
            ("0201", "入会咨询", 5, "street", False),
            ("0202", "建会咨询", 5, "street", False),
            ("0203", "会员服务卡", 3, "district", False),
        ],
    ),
    (
        "03",
        "帮扶服务",
        [
            ("0301", "困难帮扶", 5, "street", False),
            ("0302", "法律援助", 5, "district", True),
        ],
    ),
    (
        "04",
        "意见建议",
        [
            ("0401", "意见建议", 10, "district", False),
            ("0402", "投诉", 7, "district", False),
        ],
    ),
]


@transaction.atomic
def ensure_catalogues() -> None:
    for order, (part, code, title, score) in enumerate(STANDARD):
        StandardItem.objects.get_or_create(
            code=code, defaults={"part": part, "title": title, "max_score": score, "order": order}
        )
    for code, name, children in CATEGORIES:
        parent, _created = HotlineCategory.objects.get_or_create(
            code=code, defaults={"name": name, "level": "district", "deadline_days": 10}
        )
        for child, label, days, level, dispute in children:
            HotlineCategory.objects.get_or_create(
                code=child,
                defaults={
                    "parent": parent,
                    "name": label,
                    "deadline_days": days,
                    "level": level,
                    "dispute": dispute,
                },
            )
