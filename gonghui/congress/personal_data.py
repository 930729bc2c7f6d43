"""The congress module's part of a member's own data (PI-6): where they are a representative
or a candidate. Ballots are secret and tied to no one's name: they are not part of it."""

from django.utils.translation import gettext as _

from gonghui.lib.personal import Section, section_of
from gonghui.members.models import Member

from .models import Candidate, Representative


def member_records(member: Member) -> list[Section]:
    return [
        section_of(
            "congress.representatives",
            _("职工代表"),
            Representative.unscoped.filter(member=member).order_by("id"),
        ),
        section_of(
            "congress.candidates", _("候选人"), Candidate.objects.filter(member=member).order_by("id")
        ),
    ]
