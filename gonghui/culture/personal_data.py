"""The culture module's part of a member's own data (PI-6): bookings, no-shows, standing."""

from django.utils.translation import gettext as _

from gonghui.lib.personal import Section, section_of
from gonghui.members.models import Member

from .models import Booking, NoShow, Standing


def member_records(member: Member) -> list[Section]:
    return [
        section_of(
            "culture.bookings", _("文体活动预约"), Booking.unscoped.filter(member=member).order_by("id")
        ),
        section_of("culture.no_shows", _("预约未到"), NoShow.objects.filter(member=member).order_by("id")),
        section_of("culture.standing", _("预约信用"), Standing.objects.filter(member=member)),
    ]


def erase_members(member_ids: list[int]) -> int:
    """A former member's booking standing (their no-show restriction) is erased with their
    identity; one still holding open bookings keeps its counter until they end."""
    return Standing.objects.filter(member_id__in=member_ids, open_bookings=0).delete()[0]
