"""Writes on sessions: schedule, open, sign in (QR at the door, online, or by the staff), and
close with minutes and resolutions."""

import datetime

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record

from ..errors import CongressError
from ..models import Congress, Item, Representative, Seat, Session, SignIn

DOOR_SALT = "gonghui.congress.door"
DOOR_TOKEN_LIFETIME = datetime.timedelta(minutes=5)  # the screen at the door shows a fresh one
SIGN_IN_EARLY = datetime.timedelta(hours=2)


@transaction.atomic
def session_schedule(
    *,
    congress: Congress,
    title: str,
    starts_at: datetime.datetime,
    place: str = "",
    kind: str = Session.Kind.REGULAR,
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> Session:
    congress = Congress.unscoped.select_for_update().get(pk=congress.pk)
    if congress.status != Congress.Status.ACTIVE:
        raise CongressError(_("该职代会已撤销。"), "dissolved")
    held = Session.unscoped.filter(congress=congress, term_no=congress.term_no).count()
    session = Session(
        congress=congress,
        term_no=congress.term_no,
        number=held + 1,
        kind=kind,
        title=title.strip(),
        starts_at=starts_at,
        place=place.strip(),
    )
    session.save()
    audit_record(actor=actor, action="congress.session.schedule", target=session, audit=audit)
    return session


@transaction.atomic
def session_open(*, session: Session, actor: User | None, audit: AuditContext = NO_REQUEST) -> Session:
    now = timezone.now()
    if not Session.unscoped.filter(pk=session.pk, status=Session.Status.PLANNED).update(
        status=Session.Status.OPEN, opened_at=now
    ):
        raise CongressError(_("会议不在筹备状态，不能开会。"), "status")
    session.refresh_from_db()
    audit_record(actor=actor, action="congress.session.open", target=session, audit=audit)
    return session


@transaction.atomic
def session_close(
    *, session: Session, minutes: str, resolutions: str, actor: User | None, audit: AuditContext = NO_REQUEST
) -> Session:
    """Close the session once every item put to the vote is closed."""
    session = Session.unscoped.select_for_update().get(pk=session.pk)
    if session.status != Session.Status.OPEN:
        raise CongressError(_("会议不在进行中。"), "status")
    if Item.unscoped.filter(session=session, status=Item.Status.VOTING).exists():
        raise CongressError(_("尚有议题在表决中，请先结束表决。"), "voting")
    if not minutes.strip():
        raise CongressError(_("请填写会议纪要。"), "minutes")
    session.status, session.closed_at = Session.Status.CLOSED, timezone.now()
    session.minutes, session.resolutions = minutes.strip(), resolutions.strip()
    session.save()
    audit_record(actor=actor, action="congress.session.close", target=session, audit=audit)
    return session


def door_token(session: Session) -> str:
    """What the QR at the door carries: the session, signed; it lives a few minutes."""
    return signing.dumps({"session": session.pk}, salt=DOOR_SALT, compress=True)


def door_session_id(token: str) -> int:
    try:
        data = signing.loads(token, salt=DOOR_SALT, max_age=DOOR_TOKEN_LIFETIME)
    except signing.SignatureExpired:
        raise CongressError(_("签到二维码已过期，请重新扫描会场二维码。"), "expired") from None
    except signing.BadSignature:
        raise CongressError(_("无效的签到二维码。"), "token") from None
    return int(data["session"])


@transaction.atomic
def sign_in(
    *,
    session: Session,
    representative: Representative,
    channel: str,
    token: str = "",
    actor: User | None,
    audit: AuditContext = NO_REQUEST,
) -> SignIn:
    """A representative of this session's congress signs in, once. At the door the QR's token
    must be this session's and fresh; a representative of another congress is refused."""
    session = Session.unscoped.get(pk=session.pk)
    if channel == SignIn.Channel.DOOR and door_session_id(token) != session.pk:
        raise CongressError(_("该二维码不属于本次会议。"), "token")
    if representative.congress_id != session.congress_id:
        raise CongressError(_("您不是本次会议的职工代表。"), "other_congress")
    if representative.status != Seat.ACTIVE:
        raise CongressError(_("该代表已不在任。"), "ended")
    if session.status == Session.Status.CLOSED:
        raise CongressError(_("会议已闭幕。"), "closed")
    if timezone.now() < session.starts_at - SIGN_IN_EARLY:
        raise CongressError(_("会前两小时开始签到。"), "early")
    try:
        with transaction.atomic():
            record = SignIn.objects.create(
                session=session, representative=representative, channel=channel, at=timezone.now()
            )
    except IntegrityError:
        raise CongressError(_("您已签到。"), "duplicate") from None
    audit_record(
        actor=actor,
        action="congress.sign_in",
        target=session,
        audit=audit,
        detail={"representative": representative.pk},
    )
    return record
