"""The lottery for over-subscribed places: sign up during the window, one seeded draw at
its end. The draw records its seed, the entries in order and each one's priority, so
anyone can replay it (`lottery_replay`) and get the same ranking; the OneToOne on the
session means it cannot run twice. Members who lost recent draws go first."""

import datetime
import hashlib
import json
import random
import secrets
from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.lib.scoping import locked

from ..models import Booking, BookingStatus, LotteryDraw, Notice, Session
from .errors import BookingRefused
from .notices import notice_later
from .places import quota_take

RECENT = datetime.timedelta(days=180)
MAX_PRIORITY = 3


def rank(seed: int, entries: list[list[int]]) -> list[int]:
    """Booking ids in draw order: higher priority first, then the seeded shuffle.
    `entries` is [[booking_id, priority], ...] in booking id order."""
    rng = random.Random(seed)
    keyed = [(-priority, rng.random(), booking_id) for booking_id, priority in entries]
    return [booking_id for _p, _r, booking_id in sorted(keyed)]


def loss_priority(member_ids: list[int], now: datetime.datetime) -> dict[int, int]:
    """Recent draws a member lost and never got a place from, capped."""
    lost = Booking.unscoped.filter(
        member_id__in=member_ids, lost_draw=True, created_at__gt=now - RECENT, offered_at__isnull=True
    ).values_list("member_id", flat=True)
    counts = Counter(lost)
    return {m: min(counts.get(m, 0), MAX_PRIORITY) for m in member_ids}


def digest_of(seed: int, places: int, entries: list[list[int]]) -> str:
    text = json.dumps({"seed": seed, "places": places, "entries": entries}, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def lottery_draw(
    *, session: Session, actor: User | None, seed: int | None = None, audit: AuditContext = NO_REQUEST
) -> LotteryDraw:
    try:
        with transaction.atomic():
            return _draw(session, actor, seed, audit)
    except IntegrityError:
        raise BookingRefused(_("该场次已抽签，不能重复抽签。"), "drawn") from None


def _draw(session: Session, actor: User | None, seed: int | None, audit: AuditContext) -> LotteryDraw:
    now = timezone.now()
    session = locked(Session, session)
    if session.mode != Session.Mode.LOTTERY:
        raise BookingRefused(_("该场次不是抽签场次。"), "mode")
    if LotteryDraw.objects.filter(session=session).exists():
        raise BookingRefused(_("该场次已抽签，不能重复抽签。"), "drawn")
    if now < session.closes_at:
        raise BookingRefused(_("报名尚未截止，不能抽签。"), "window")
    if session.status != Session.Status.SCHEDULED:
        raise BookingRefused(_("该场次已取消。"), "closed")
    rows = list(
        Booking.unscoped.filter(session=session, status=BookingStatus.ENTERED)
        .order_by("id")
        .values_list("id", "member_id")
    )
    priority = loss_priority([m for _b, m in rows], now)
    entries = [[booking_id, priority[member_id]] for booking_id, member_id in rows]
    seed = secrets.randbits(62) if seed is None else int(seed)
    places = max(session.capacity - session.booked, 0)
    ranking = rank(seed, entries)
    members = dict(rows)
    winners: list[int] = []
    for position, booking_id in enumerate(ranking):
        won = False
        if len(winners) < places:
            try:
                with transaction.atomic():
                    quota_take(members[booking_id], now)
                won = True
            except BookingRefused:
                won = False  # over quota or restricted: the place goes to the next in line
        if won:
            winners.append(booking_id)
            Booking.unscoped.filter(pk=booking_id).update(status=BookingStatus.CONFIRMED, confirmed_at=now)
        else:
            Booking.unscoped.filter(pk=booking_id).update(
                status=BookingStatus.WAITING, waiting_since=now, queue_rank=position, lost_draw=True
            )
    Session.unscoped.filter(pk=session.pk).update(booked=F("booked") + len(winners))
    draw = LotteryDraw.objects.create(
        session=session,
        seed=seed,
        places=places,
        entries=entries,
        winners=winners,
        ranking=ranking,
        digest=digest_of(seed, places, entries),
        drawn_at=now,
        drawn_by=actor,
        path=session.path,
    )
    audit_record(
        actor=actor,
        action="culture.lottery.draw",
        target=draw,
        audit=audit,
        detail={"seed": str(seed), "entries": len(entries), "winners": len(winners), "digest": draw.digest},
    )
    for booking_id in ranking:
        notice_later(booking_id, Notice.Kind.RESULT)
    return draw


def lottery_replay(draw: LotteryDraw) -> list[int]:
    """The ranking recomputed from what the draw recorded; equal to draw.ranking when honest."""
    if digest_of(draw.seed, draw.places, draw.entries) != draw.digest:
        raise ValueError("draw record altered")
    return rank(draw.seed, draw.entries)
