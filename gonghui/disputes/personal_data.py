"""The disputes module's part of a member's own data (PI-6): the cases they filed or are a
party to, and their legal-aid applications."""

from django.db.models import Q
from django.utils.translation import gettext as _

from gonghui.lib.personal import Section, section_of
from gonghui.members.models import Member

from .models import Case, CaseParty, LegalAidApplication

CASE_FILE = _("调解与法律援助案卷按档案管理规定保存10年，期满前不删除。")


def member_records(member: Member) -> list[Section]:
    account = getattr(member, "user", None)
    mine = Q(parties__member=member) | Q(applicant=account) if account else Q(parties__member=member)
    cases = Case.unscoped.filter(mine).distinct().order_by("id")
    return [
        section_of("disputes.cases", _("调解与法律援助案件"), cases, kept=CASE_FILE),
        section_of(
            "disputes.parties",
            _("案件当事人"),
            CaseParty.objects.filter(member=member).order_by("id"),
            kept=CASE_FILE,
        ),
        section_of(
            "disputes.legal_aid",
            _("法律援助申请"),
            LegalAidApplication.unscoped.filter(case__in=cases.values("pk")).order_by("id"),
            kept=CASE_FILE,
        ),
    ]
