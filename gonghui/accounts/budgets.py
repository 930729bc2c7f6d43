"""Daily budgets for SMS codes against SMS pumping: per number, per IP and in all. A send takes
one unit of each in one transaction (a conditional UPDATE per budget row, so parallel sends on
PostgreSQL never pass a limit); the first refusal of a budget in a day raises an alert: an audit
record, and an error in the `gonghui.security` log."""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import AuditContext
from gonghui.audit.services import audit_record

from .models import SmsBudget

logger = logging.getLogger("gonghui.security")


@dataclass(frozen=True)
class Budget:
    name: str  # phone, ip, all
    key: str
    limit: int

    @property
    def message(self) -> str:
        return {
            "phone": _("该手机号今日获取验证码的次数已达上限，请明天再试。"),
            "ip": _("您所在的网络今日获取验证码的次数过多，请明天再试。"),
            "all": _("今日短信验证码发送量已达上限，请稍后再试或联系所在工会。"),
        }[self.name]


def budgets_for(*, phone_index: str, ip: str | None) -> list[Budget]:
    """Always in this order (number, IP, all), so two sends lock the rows in the same order."""
    return [
        Budget("phone", f"phone:{phone_index}", settings.SMS_DAILY_PER_PHONE),
        Budget("ip", f"ip:{ip or '-'}", settings.SMS_DAILY_PER_IP),
        Budget("all", "all", settings.SMS_DAILY_TOTAL),
    ]


def _row(key: str, day: datetime.date) -> None:
    if SmsBudget.objects.filter(key=key, day=day).exists():
        return
    try:
        with transaction.atomic():
            SmsBudget.objects.create(key=key, day=day)
    except IntegrityError:
        pass  # a parallel send made it first


def budget_take(budgets: list[Budget], *, audit: AuditContext) -> Budget | None:
    """Takes one unit of every budget, or none: the budget that refused, else None."""
    day = timezone.localdate()
    refused = None
    with transaction.atomic():
        for budget in budgets:
            _row(budget.key, day)
            rows = SmsBudget.objects.filter(key=budget.key, day=day, count__lt=budget.limit)
            if not rows.update(count=F("count") + 1):
                refused = budget
                transaction.set_rollback(True)
                break
    if refused is not None:
        _alert(refused, day, audit=audit)
    return refused


def _alert(budget: Budget, day: datetime.date, *, audit: AuditContext) -> None:
    """Once per budget and day: the first refusal is the news, the rest would only flood."""
    _row(budget.key, day)
    if not SmsBudget.objects.filter(key=budget.key, day=day, alerted=False).update(alerted=True):
        return
    audit_record(
        actor=None,
        action="login.sms.budget",
        result="denied",
        audit=audit,
        detail={"budget": budget.name, "limit": budget.limit, "day": str(day)},
    )
    log = logger.error if budget.name == "all" else logger.warning
    log("SMS budget %s reached its daily limit of %s (ip %s)", budget.name, budget.limit, audit.ip)
