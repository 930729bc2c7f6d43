"""The member's own part of their data (PI-6): the record, its changes, transfers, joining."""

from django.db.models import Q
from django.utils.translation import gettext as _

from gonghui.lib.personal import Section, section_of

from .models import JoinApplication, Member, MemberStatusChange, Transfer

MEMBER_FIELDS = [
    "member_no", "name", "gender", "birth_date", "ethnicity", "id_type", "id_number", "phone",
    "education", "political_status", "hukou_type", "hukou_place", "residence", "unit", "position",
    "employment", "skill_level", "is_model_worker", "union", "joined_on", "status", "card_no",
    "emergency_contact", "emergency_phone",
]  # fmt: skip


def member_records(member: Member) -> list[Section]:
    account = getattr(member, "user", None)
    joins = JoinApplication.unscoped.filter(
        Q(member=member) | Q(applicant=account) if account else Q(member=member)
    )
    return [
        section_of(
            "members.member",
            _("会员信息"),
            [member],
            model=Member,
            fields=MEMBER_FIELDS,
            kept=_(
                "删除后会员编号、所属工会和入会日期匿名保留，用于会员人数的历年统计；姓名、证件号码、手机等身份信息删除。"
            ),
        ),
        section_of(
            "members.status",
            _("会籍变动"),
            MemberStatusChange.objects.filter(member=member).select_related("union"),
            model=MemberStatusChange,
            fields=["at", "from_status", "to_status", "union", "reason"],
            kept=_("会籍变动记录匿名保留，用于历年会员人数统计。"),
        ),
        section_of(
            "members.transfers",
            _("会员关系接转"),
            Transfer.unscoped.filter(member=member).select_related("from_union", "to_union", "to_unit"),
            model=Transfer,
            fields=["requested_at", "from_union", "to_union", "to_unit", "status", "decided_at", "reason"],
            kept=_("接转记录匿名保留，用于历年会员人数统计。"),
        ),
        section_of(
            "members.joins",
            _("入会申请"),
            joins.select_related("unit", "union").order_by("submitted_at"),
            model=JoinApplication,
            fields=[
                "submitted_at",
                "name",
                "id_number",
                "phone",
                "unit",
                "union",
                "status",
                "decided_at",
                "reason",
            ],
        ),
    ]
