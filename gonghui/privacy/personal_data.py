"""The spine's accounts part of a member's own data (PI-6): the account, its logins and the
member's own requests about their data. Logins are read from the audit log, which keeps them."""

from django.utils.translation import gettext as _

from gonghui.audit.models import AuditRecord
from gonghui.lib.personal import Section, section_of, text
from gonghui.members.models import Member

from .models import DataRequest

AUDIT = _(
    "登录和下载记录属于审计日志，依《网络安全法》第二十一条保存不少于六个月，本系统保存3年；审计日志前后相连、不可删改。"
)
REQUESTS = _("您的更正、删除申请及答复保存3年，作为我们已依法答复的证明。")
LOGIN_ACTIONS = ("login.member", "login.staff", "privacy.download")


def member_records(member: Member) -> list[Section]:
    account = getattr(member, "user", None)
    if account is None:
        return []
    logins = AuditRecord.objects.filter(actor=account, action__in=LOGIN_ACTIONS).order_by("at")
    rows = [
        {
            "at": text(r.at),
            "action": r.action,
            "result": r.result,
            "ip": r.ip or "",
            "agent": r.detail.get("agent", ""),
        }
        for r in logins
    ]
    columns = [
        ("at", _("时间")),
        ("action", _("操作")),
        ("result", _("结果")),
        ("ip", _("IP地址")),
        ("agent", _("浏览器")),
    ]
    return [
        section_of(
            "accounts.account",
            _("账号"),
            [account],
            model=type(account),
            fields=["username", "role", "phone", "date_joined", "last_login", "is_active"],
        ),
        Section("accounts.logins", _("登录与下载记录"), columns, rows, kept=AUDIT),
        section_of(
            "privacy.requests",
            _("更正与删除申请"),
            DataRequest.unscoped.filter(member=member).select_related("union"),
            fields=[
                "kind",
                "field",
                "value",
                "note",
                "status",
                "submitted_at",
                "due_on",
                "resolved_at",
                "reason",
            ],
            kept=REQUESTS,
        ),
    ]
