"""Erasing a member's identity (PIPL art. 47) once they are no longer a member: by their own
request, or by the retention task once they left long enough.

What is erased: the member's name, ID number, phone, birth date, addresses and emergency
contact, their account's phone and login (the account is closed), and the same details on their
join applications. What is kept, and why, is each section's `kept` text (gonghui.lib.personal):
the member number, union, dates and status history, anonymised (the yearly member counts are
computed from them); payouts and claims (accounting vouchers, 30 years); case files; the audit
log. The rows of other modules stay, tied only to the anonymised record, except what a module's
`erase_members` erases (found by the registry: health results, booking standing).
"""

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.models import JoinApplication, Member, MemberStatus, RequestStatus
from gonghui.organizations.signals import figures_changed

from ..models import Erasure
from ..registry import erasers
from .download import PrivacyError

if TYPE_CHECKING:
    from gonghui.accounts.models import User

# A former member's record: only these may be erased. Someone still a member (active or retired)
# needs the record the union keeps for them.
ERASABLE_STATUSES = (MemberStatus.LEFT, MemberStatus.DECEASED)
ERASED_NAME = "已删除"


def _tagged(prefix: str) -> Concat:
    """A value unique to each row (an index that must stay unique: '<prefix><pk>')."""
    return Concat(Value(prefix), Cast("pk", CharField()), output_field=CharField())


def erase_members(members: QuerySet[Member], *, cause: str) -> int:
    """Erase the identity of the given members not erased yet, in a few set-based statements:
    safe to run twice (the second run finds no one)."""
    ids = list(members.exclude(pk__in=Erasure.objects.values("member_id")).values_list("pk", flat=True))
    if not ids:
        return 0
    Member.unscoped.filter(pk__in=ids).update(
        name=ERASED_NAME,
        name_initials="",
        id_number="",
        id_index=_tagged("erased-"),
        id_masked="",
        phone="",
        phone_index="",
        phone_masked="",
        birth_date=None,
        hukou_place="",
        residence="",
        emergency_contact="",
        emergency_phone="",
    )
    get_user_model().objects.filter(member_id__in=ids).update(
        username=_tagged("erased-"),
        first_name="",
        last_name="",
        email="",
        phone="",
        phone_index="",
        is_active=False,
    )
    JoinApplication.unscoped.filter(member_id__in=ids).exclude(status=RequestStatus.PENDING).update(
        name=ERASED_NAME, id_number="", id_index="", phone="", phone_index=""
    )
    for _label, erase in erasers():
        erase(ids)
    at = timezone.now()
    Erasure.objects.bulk_create(
        [Erasure(member_id=pk, cause=cause, at=at) for pk in ids], ignore_conflicts=True
    )
    figures_changed.send(sender=Member)
    return len(ids)


@transaction.atomic
def member_erase(*, member: Member, cause: str, actor: "User", audit: AuditContext = NO_REQUEST) -> int:
    member = Member.unscoped.select_for_update().get(pk=member.pk)
    if member.status not in ERASABLE_STATUSES:
        raise PrivacyError(
            _(
                "该会员仍在册，会籍档案须保留，不能删除；请告知会员办理退会手续后再申请删除，或填写理由不予办理。"
            )
        )
    erased = erase_members(Member.unscoped.filter(pk=member.pk), cause=cause)
    audit_record(actor=actor, action="privacy.erase", target=member, audit=audit, detail={"cause": cause})
    return erased
