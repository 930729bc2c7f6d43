"""The honours module's part of a member's own data (PI-6): their honours and studios."""

from django.utils.translation import gettext as _

from gonghui.lib.personal import Section, section_of
from gonghui.members.models import Member

from .models import Honour, StudioMember

ROLL = _("荣誉名册是表彰档案，永久保存。")


def member_records(member: Member) -> list[Section]:
    return [
        section_of(
            "honours.honours", _("荣誉"), Honour.unscoped.filter(member=member).order_by("id"), kept=ROLL
        ),
        section_of(
            "honours.studios", _("创新工作室成员"), StudioMember.objects.filter(member=member).order_by("id")
        ),
    ]
