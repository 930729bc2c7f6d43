"""The 12351 hotline (about 1,200 work orders a year at scale 1, most answered in time and
followed up, a few disputes handed to mediation, this month's still open) and the online
contests (the service stations' logo and the summer photo contest of 2016, a photo contest
every year since, this year's open for votes)."""

import datetime
import io
import random

from django.db import connection
from django.utils import timezone
from PIL import Image, ImageDraw

from gonghui.accounts.models import User
from gonghui.federation import images, services
from gonghui.federation.models import (
    Contest,
    Entry,
    EntryStatus,
    HotlineCategory,
    OrderStatus,
    Vote,
    WorkOrder,
)
from gonghui.lib.bulk import insert_rows
from gonghui.lib.workdays import add_working_days
from gonghui.members.models import Member
from gonghui.organizations.models import Unit

from ..people import mobile, person_name
from .common import World, insert_objects

ORDERS_A_YEAR = 1200
WEIGHTS = {
    "0101": 25,
    "0102": 12,
    "0103": 10,
    "0104": 5,
    "0201": 10,
    "0202": 4,
    "0203": 12,
    "0301": 6,
    "0302": 6,
    "0401": 5,
    "0402": 5,
}
ANSWERS = {"0203": "已补办会员服务卡", "0201": "已告知入会流程"}


def seed_hotline(w: World, actor: User) -> int:
    categories = {c.code: c for c in HotlineCategory.objects.filter(code__in=list(WEIGHTS))}
    units = list(Unit.unscoped.filter(path__startswith=w.district.path).values_list("pk", "path"))
    streets = {s.path: s for s in w.streets}
    orders: list[WorkOrder] = []
    seq: dict[datetime.date, int] = {}
    for year in w.years:
        for _ in range(round(w.scaled(ORDERS_A_YEAR) * w.year_share(year))):
            code = w.rng.choices(list(WEIGHTS), weights=list(WEIGHTS.values()))[0]
            category = categories[code]
            unit_id, path = w.rng.choice(units)
            day = w.day_in(year)
            routed = streets.get(path[:8], w.district) if category.level == "street" else w.district
            seq[day] = seq.get(day, 0) + 1
            order = WorkOrder(
                number=f"12351-{day:%Y%m%d}-{seq[day]:04d}",
                channel=w.rng.choice(["call", "call", "call", "message", "walk_in"]),
                received_at=w.moment(day, w.rng.randrange(8, 20)),
                category=category,
                caller_name=person_name(w.rng),
                caller_phone=mobile(w.rng),
                content=f"来电反映{category.name}问题，请求协助。",
                unit_id=unit_id,
                routed_to=routed,
                due_on=add_working_days(day, category.deadline_days),
                path=routed.path,
            )
            _handle(w, order)
            orders.append(order)
    insert_objects(WorkOrder, orders)
    for code in ("0101", "0203", "0301"):  # this morning's calls, taken through the service
        unit_id, _path = w.rng.choice(units)
        services.order_register(
            channel="call",
            category=categories[code],
            caller_name=person_name(w.rng),
            caller_phone=mobile(w.rng),
            content=f"来电反映{categories[code].name}问题，请求协助。",
            unit=Unit.unscoped.get(pk=unit_id),
            received_at=timezone.now() - datetime.timedelta(hours=w.rng.randrange(1, 4)),
            actor=actor,
        )
    return len(orders) + 3


def _handle(w: World, order: WorkOrder) -> None:
    """What became of an order: most answered in time and followed up; some late; a dispute
    now and then handed to mediation; the last fortnight's partly still open."""
    day = order.received_at.date()
    if (w.today - day).days < 14 and w.rng.random() < 0.6:
        return
    if order.category.dispute and w.rng.random() < 0.12:
        order.status, order.mediation_ref = OrderStatus.MEDIATION, order.number
        return
    late = w.rng.random() < 0.07
    answered = (
        order.due_on + datetime.timedelta(days=w.rng.randrange(1, 8))
        if late
        else day + datetime.timedelta(days=w.rng.randrange(0, max(1, (order.due_on - day).days + 1)))
    )
    order.answered_on = min(answered, w.today)
    order.answer = ANSWERS.get(order.category.code, "已联系相关单位协调处理，并向来电人答复")
    order.status = OrderStatus.ANSWERED
    if (w.today - order.answered_on).days > 3:
        order.status = OrderStatus.CLOSED
        order.followed_up_on = min(w.today, order.answered_on + datetime.timedelta(days=3))
        order.satisfaction = w.rng.choices([5, 4, 3, 2], weights=[62, 28, 8, 2])[0]


def _pictures(rng: random.Random, n: int = 12) -> list[tuple[str, images.CheckedImage]]:
    stored = []
    for i in range(n):
        picture = Image.new("RGB", (480, 360), tuple(rng.randrange(60, 230) for _ in range(3)))
        draw = ImageDraw.Draw(picture)
        draw.ellipse((140 + 8 * i, 80, 340, 280), fill=(200, 22, 29))
        out = io.BytesIO()
        picture.save(out, "PNG")
        checked = images.check_image(out.getvalue())
        stored.append((images.store(checked), checked))
    return stored


CONTESTS = [
    ("基层服务站LOGO征集", "logo", datetime.date(2016, 4, 1), 150, 5000),
    ("“酷暑里的最美身影”随手拍", "photo", datetime.date(2016, 7, 1), 300, 9000),
]


def seed_contests(w: World) -> tuple[int, int]:
    pictures = _pictures(w.rng)
    members = list(
        Member.unscoped.filter(path__startswith=w.district.path, status="active", id_problem="").values_list(
            "pk", flat=True
        )[:20000]
    )
    plans = [
        *CONTESTS,
        *(
            (f"{y}年“最美劳动者”随手拍", "photo", datetime.date(y, 7, 1), 200, 6000)
            for y in range(2017, w.today.year)
        ),
    ]
    live = (
        f"{w.today.year}年“冬日里的温暖瞬间”随手拍",
        "photo",
        w.today - datetime.timedelta(days=20),
        60,
        600,
    )
    entries_total = votes_total = 0
    for title, kind, opens, n_entries, n_votes in [*plans, live]:
        is_live = opens > w.today - datetime.timedelta(days=60)
        contest = Contest.unscoped.create(
            title=title,
            kind=kind,
            node=w.district,
            description="面向全区会员征集作品，会员投票评选。",
            submit_opens_at=w.moment(opens, 9),
            submit_closes_at=w.moment(opens + datetime.timedelta(days=30 if not is_live else 25), 18),
            vote_opens_at=w.moment(opens + datetime.timedelta(days=10), 9),
            vote_closes_at=w.moment(opens + datetime.timedelta(days=45 if not is_live else 30), 18),
            daily_votes=5,
        )
        authors = w.rng.sample(members, min(len(members), w.scaled(n_entries, minimum=8)))
        entries = []
        for i, author in enumerate(authors):
            name, checked = w.rng.choice(pictures)
            submitted = (
                contest.submit_opens_at
                + (contest.submit_closes_at - contest.submit_opens_at) * w.rng.random()
            )
            if submitted > timezone.now():
                continue
            entries.append(
                Entry(
                    contest=contest,
                    member_id=author,
                    title=f"作品{i + 1}",
                    image=name,
                    content_type=checked.content_type,
                    size=len(checked.data),
                    width=checked.width,
                    height=checked.height,
                    status=EntryStatus.ACCEPTED if w.rng.random() < 0.85 else EntryStatus.REJECTED,
                    submitted_at=submitted,
                    path=contest.path,
                )
            )
        if is_live and entries:
            entries[-1].status = EntryStatus.SUBMITTED  # awaiting review
        Entry.unscoped.bulk_create(entries)
        entries_total += len(entries)
        votes_total += _votes(
            w,
            contest,
            [e for e in entries if e.status == EntryStatus.ACCEPTED],
            members,
            w.scaled(n_votes, minimum=20),
        )
    return entries_total, votes_total


def _votes(w: World, contest: Contest, entries: list[Entry], members: list[int], wanted: int) -> int:
    if not entries:
        return 0
    end = min(contest.vote_closes_at, w.moment(w.today, 8))
    if end <= contest.vote_opens_at:
        return 0
    weights = [w.rng.paretovariate(1.5) for _ in entries]
    seen: set[tuple[int, int]] = set()
    rows = []
    span = end - contest.vote_opens_at
    for entry, member in zip(
        w.rng.choices(entries, weights=weights, k=wanted), w.rng.choices(members, k=wanted), strict=True
    ):
        if (entry.pk, member) in seen:
            continue
        seen.add((entry.pk, member))
        at = contest.vote_opens_at + span * w.rng.random()
        stamp = connection.ops.adapt_datetimefield_value(at)
        rows.append([entry.pk, contest.pk, member, timezone.localdate(at), stamp, contest.path])
        entry.votes += 1
    insert_rows(Vote._meta.db_table, ["entry_id", "contest_id", "member_id", "day", "at", "path"], rows)
    Entry.unscoped.bulk_update(entries, ["votes"], batch_size=2000)
    return len(rows)
