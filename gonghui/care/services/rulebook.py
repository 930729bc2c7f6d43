"""The district's rules of union money as it first published them: rows, installed once, then
kept on the rules page (a new version ends the old one). The demo and the tests start from these."""

import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.accounts.models import User
from gonghui.organizations.models import Node

from ..models import AidKind, CampaignKind, GoodsKind, MoneyRule, OfferKind, RuleKind
from .rules import rule_add

FESTIVALS = [CampaignKind.WARMTH, CampaignKind.COOLING]
BASIS = _("《基层工会经费收支管理办法》")
RULEBOOK: list[dict[str, Any]] = [
    {
        "code": "festival-no-cash",
        "name": _("节日慰问不得发放现金和购物卡"),
        "kind": RuleKind.FORBIDDEN_GOODS,
        "campaign_kinds": FESTIVALS,
        "goods_kinds": [GoodsKind.CASH, GoodsKind.CARD, GoodsKind.VOUCHER],
        "basis": BASIS,
        "reason": _("节日慰问应发放实物，不得发放现金、购物卡、代金券等"),
    },
    {
        "code": "festival-yearly-cap",
        "name": _("节日慰问每人每年限额"),
        "kind": RuleKind.YEARLY_VALUE_CAP,
        "campaign_kinds": FESTIVALS,
        "amount": Decimal("1500.00"),
        "basis": BASIS,
        "reason": _("每名职工全年节日慰问品合计不得超过限额"),
    },
    {
        "code": "aid-yearly-cap",
        "name": _("困难职工帮扶每人每年限额"),
        "kind": RuleKind.YEARLY_VALUE_CAP,
        "aid_kinds": AidKind.values,
        "amount": Decimal("20000.00"),
        "basis": _("《困难职工帮扶资金管理办法》"),
        "reason": _("同一困难职工全年帮扶资金合计不得超过限额"),
    },
    {
        "code": "illness-once-a-year",
        "name": _("同一病因医疗救助每年一次"),
        "kind": RuleKind.ONE_PER_CAUSE,
        "aid_kinds": [AidKind.MEDICAL],
        "basis": _("《困难职工帮扶资金管理办法》"),
        "reason": _("同一疾病的医疗救助每年只能享受一次"),
    },
    {
        "code": "rest-home-once-a-year",
        "name": _("疗休养每人每年一次"),
        "kind": RuleKind.YEARLY_COUNT_CAP,
        "offer_kind": OfferKind.REST_HOME,
        "count": 1,
        "basis": _("《职工疗休养工作管理办法》"),
        "reason": _("每名职工每年只能参加一次工会组织的疗休养"),
    },
    {
        "code": "health-check-once-a-year",
        "name": _("健康体检每人每年一次"),
        "kind": RuleKind.YEARLY_COUNT_CAP,
        "offer_kind": OfferKind.HEALTH_CHECK,
        "count": 1,
        "basis": BASIS,
        "reason": _("每名职工每年只能参加一次工会组织的免费体检"),
    },
]


def rulebook_install(*, node: Node, valid_from: datetime.date, actor: User) -> dict[str, MoneyRule]:
    """Publish the rulebook at a node (the district), each rule through the rule service."""
    rules = {}
    for spec in RULEBOOK:
        texts = {k: str(v) for k, v in spec.items() if k in ("name", "basis", "reason")}
        rules[spec["code"]] = rule_add(node=node, valid_from=valid_from, actor=actor, **{**spec, **texts})
    return rules
