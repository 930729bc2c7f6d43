"""Words of the demo's congresses: the items of a regular session, proposals' subjects, minutes."""

import random

DEPARTMENTS = ["行政办公室", "人力资源部", "财务部", "后勤保障部", "安全生产部", "工会办公室"]
PROPOSAL_TITLES = [
    "改善一线职工就餐条件",
    "增设职工休息室",
    "完善夜班补贴发放办法",
    "开展职工技能培训",
    "加强高温季节劳动保护",
    "建立女职工哺乳室",
    "优化职工体检项目",
    "规范加班审批与调休",
    "增加职工子女暑托班名额",
    "完善职工困难帮扶制度",
]


def items_of(rng: random.Random, year: int) -> list[tuple[str, str]]:
    """A regular session hears the administrative report and decides one more matter."""
    second = rng.choice(
        [
            ("approve", f"{year}年度工资专项集体协议（草案）"),
            ("approve", "集体合同（草案）"),
            ("welfare", f"{year}年度职工福利费使用方案"),
            ("approve", "职工奖惩办法（修订稿）"),
        ]
    )
    items = [("review", f"{year}年度行政工作报告"), second]
    if year % 3 == 0:
        items.append(("appraise", "民主评议企业管理人员"))
    return items


def minutes_of(year: int) -> str:
    return f"会议听取并审议了{year}年度行政工作报告，审议通过各项议题，征集职工代表提案。"
