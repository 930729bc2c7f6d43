"""Training classes: opening one, enrolment (places by a conditional UPDATE; free for card
holders where the class says so), attendance, completion with a certificate, withdrawal."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.roles import Role
from gonghui.members.models import Member, MemberStatus
from gonghui.organizations.models import Node

from ..errors import SkillsError
from ..models import Attendance, Enrolment, TrainingClass
from .common import require_scope


@transaction.atomic
def class_create(
    *,
    node: Node,
    title: str,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    sessions: int,
    capacity: int,
    actor: User,
    partner: str = "",
    hours: int = 0,
    fee: Decimal = Decimal("0.00"),
    free_for_card_holders: bool = True,
    audit: AuditContext = NO_REQUEST,
) -> TrainingClass:
    require_scope(actor, node.path)
    if ends_on < starts_on:
        raise SkillsError(_("结业日期不能早于开班日期。"), "dates")
    if fee < 0 or fee != fee.quantize(Decimal("0.01")):
        raise SkillsError(_("学费应为不小于 0 的元金额（最多两位小数）。"), "money")
    training = TrainingClass(
        node=node,
        title=title.strip(),
        kind=kind,
        partner=partner.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        sessions=sessions,
        hours=hours,
        capacity=capacity,
        fee=fee,
        free_for_card_holders=free_for_card_holders,
    )
    training.full_clean(exclude=["path"])
    training.save()
    audit_record(actor=actor, action="skills.class.create", target=training, audit=audit)
    return training


def fee_for(training: TrainingClass, member: Member) -> Decimal:
    """Card holders train free where the class says so (特惠): the roster carries the card number."""
    return Decimal("0.00") if training.free_for_card_holders and member.card_no else training.fee


def member_may_enrol(member: Member, training: TrainingClass) -> bool:
    """A class is open to the members of its node's subtree."""
    return member.path.startswith(training.path)


@transaction.atomic
def enrolment_create(
    *, training: TrainingClass, member: Member, actor: User, audit: AuditContext = NO_REQUEST
) -> Enrolment:
    """Take a place: the place is a conditional UPDATE (never more than the class holds), the
    one enrolment per member and class a partial unique constraint."""
    own = actor.role == Role.MEMBER and actor.member_id == member.pk
    if not own:
        require_scope(actor, training.path)
    if member.status != MemberStatus.ACTIVE or not member_may_enrol(member, training):
        raise SkillsError(_("该班只面向本工会范围内的在册会员。"), "eligible")
    if training.status != TrainingClass.Status.OPEN or training.ends_on < timezone.localdate():
        raise SkillsError(_("该班已停止报名。"), "closed")
    if not TrainingClass.unscoped.filter(
        pk=training.pk, status=TrainingClass.Status.OPEN, enrolled__lt=F("capacity")
    ).update(enrolled=F("enrolled") + 1):
        raise SkillsError(_("名额已满。"), "full")
    try:
        with transaction.atomic():
            enrolment = Enrolment(
                training=training,
                member=member,
                enrolled_on=timezone.localdate(),
                fee_due=fee_for(training, member),
            )
            enrolment.save()
    except IntegrityError:
        raise SkillsError(_("已报名该班。"), "duplicate") from None
    audit_record(actor=actor, action="skills.enrolment.create", target=enrolment, audit=audit)
    return enrolment


@transaction.atomic
def enrolment_withdraw(*, enrolment: Enrolment, actor: User, audit: AuditContext = NO_REQUEST) -> Enrolment:
    own = actor.role == Role.MEMBER and actor.member_id == enrolment.member_id
    if not own:
        require_scope(actor, enrolment.path)
    if not Enrolment.unscoped.filter(pk=enrolment.pk, status=Enrolment.Status.ENROLLED).update(
        status=Enrolment.Status.WITHDRAWN
    ):
        raise SkillsError(_("该报名已结业或已退出。"), "state")
    TrainingClass.unscoped.filter(pk=enrolment.training_id).update(enrolled=F("enrolled") - 1)
    enrolment.refresh_from_db()
    audit_record(actor=actor, action="skills.enrolment.withdraw", target=enrolment, audit=audit)
    return enrolment


@transaction.atomic
def attendance_record(
    *,
    training: TrainingClass,
    session_no: int,
    present: Iterable[int],
    actor: User,
    audit: AuditContext = NO_REQUEST,
) -> int:
    """One session's register: the enrolments in `present` attended, the others did not. Taking
    a register again replaces it. Returns how many attended."""
    require_scope(actor, training.path)
    if not 1 <= session_no <= training.sessions:
        raise SkillsError(_("课次应在 1 到 %(n)d 之间。") % {"n": training.sessions}, "session")
    here = set(present)
    enrolments = list(Enrolment.unscoped.filter(training=training, status=Enrolment.Status.ENROLLED))
    Attendance.objects.filter(enrolment__in=enrolments, session_no=session_no).delete()
    Attendance.objects.bulk_create(
        [Attendance(enrolment=e, session_no=session_no, present=e.pk in here) for e in enrolments]
    )
    for enrolment in enrolments:
        attended = Attendance.objects.filter(enrolment=enrolment, present=True).count()
        Enrolment.unscoped.filter(pk=enrolment.pk).update(attended=attended)
    audit_record(
        actor=actor,
        action="skills.attendance.record",
        target=training,
        audit=audit,
        detail={"session": session_no, "present": len(here & {e.pk for e in enrolments})},
    )
    return len(here & {e.pk for e in enrolments})


def certificate_number(enrolment: Enrolment, on: datetime.date) -> str:
    return f"JN{on:%Y}{enrolment.training_id:05d}{enrolment.pk:07d}"


@transaction.atomic
def enrolment_complete(
    *, enrolment: Enrolment, actor: User, on: datetime.date | None = None, audit: AuditContext = NO_REQUEST
) -> Enrolment:
    """Completion needs four fifths of the sessions attended; it issues the certificate."""
    require_scope(actor, enrolment.path)
    training = enrolment.training
    fresh = Enrolment.unscoped.select_for_update().get(pk=enrolment.pk)
    if fresh.attended < training.needed:
        raise SkillsError(
            _("出勤 %(a)d 次，未达到结业要求的 %(n)d 次。") % {"a": fresh.attended, "n": training.needed},
            "attendance",
        )
    day = on or timezone.localdate()
    if not Enrolment.unscoped.filter(pk=fresh.pk, status=Enrolment.Status.ENROLLED).update(
        status=Enrolment.Status.COMPLETED, completed_on=day, certificate_no=certificate_number(fresh, day)
    ):
        raise SkillsError(_("该报名已结业或已退出。"), "state")
    fresh.refresh_from_db()
    audit_record(actor=actor, action="skills.enrolment.complete", target=fresh, audit=audit)
    return fresh
