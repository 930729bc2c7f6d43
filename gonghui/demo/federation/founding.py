"""Founding applications and joining drives. The spine generates the district's unions, those
founded since 2012 included (up to today): each gets the application it came from, so
`unions_founded` in any period equals the spine's new unions; a few applications are open
today, made through the services."""

import datetime

from gonghui.accounts.models import User
from gonghui.federation import services
from gonghui.federation.models import DriveJoining, FoundingApplication, FoundingStatus, JoiningDrive
from gonghui.lib.workdays import add_working_days
from gonghui.organizations.models import Node, Unit

from ..people import mobile, person_name
from .common import World, split

JOININGS_A_YEAR = 3000  # collective joinings of migrant workers, at scale 1


def _application(
    w: World, unit: Unit, union: Node | None, founded_on: datetime.date, routed: Node
) -> FoundingApplication:
    submitted = founded_on - datetime.timedelta(days=w.rng.randrange(20, 60))
    return FoundingApplication(
        unit=unit,
        applicant_kind=w.rng.choice(["employer", "workers"]),
        contact_name=person_name(w.rng),
        contact_phone=mobile(w.rng),
        workers=unit.workforce,
        routed_to=routed,
        submitted_on=submitted,
        due_on=add_working_days(submitted, services.FOUNDING_RESPONSE_WORKING_DAYS),
        status=FoundingStatus.FOUNDED,
        accepted_on=submitted + datetime.timedelta(days=w.rng.randrange(3, 15)),
        first_meeting_on=founded_on,
        founded_on=founded_on,
        chair_name=person_name(w.rng),
        founding_members=max(3, round(unit.workforce * 0.8)),
        union=union,
        path=routed.path,
    )


def backfill(w: World) -> int:
    """The applications behind the unions the spine founded since 2012 (each hosts the unit it
    is named after)."""
    unions = Node.objects.filter(
        path__startswith=w.district.path, kind=Node.Kind.GRASSROOTS, founded_on__year__gte=2012
    )
    by_name = {u.name.removesuffix("工会"): u for u in unions}
    hosts = Unit.unscoped.filter(name__in=list(by_name), union__isnull=False).select_related("street")
    streets = {s.pk: s for s in w.streets}
    rows = [
        _application(w, unit, by_name[unit.name], by_name[unit.name].founded_on, streets[unit.street_id])
        for unit in hosts
        if by_name[unit.name].founded_on
    ]
    FoundingApplication.unscoped.bulk_create(rows, batch_size=2000)
    return len(rows)


def later_foundings(w: World, actor: User) -> int:
    """Applications still open today, for a few eligible units without a union."""
    units = Unit.unscoped.filter(
        path__startswith=w.district.path, union__isnull=True, must_have_union=True
    ).order_by("workforce", "id")[:6]
    return live_foundings(w, list(units), actor)


def live_foundings(w: World, units: list[Unit], actor: User) -> int:
    """A few through the services: one founded last week, others waiting for an answer."""
    made = 0
    for i, unit in enumerate(units[:5]):
        application = services.founding_submit(
            unit=unit,
            applicant_kind="employer",
            contact_name=person_name(w.rng),
            contact_phone=mobile(w.rng),
            workers=unit.workforce,
            submitted_on=w.today - datetime.timedelta(days=3 + 9 * i),
            actor=actor,
        )
        if i == 0:
            day = w.today - datetime.timedelta(days=2)
            services.founding_record(
                application=application,
                union_name=f"{unit.name}工会",
                chair_name=person_name(w.rng),
                first_meeting_on=day,
                founded_on=day,
                founding_members=max(3, unit.workforce // 2),
                actor=actor,
            )
        elif i % 2 == 0:
            services.founding_accept(application=application, actor=actor)
        made += 1
    return made


def drives(w: World) -> int:
    """A district-wide drive for migrant workers each spring, its joinings recorded street by street."""
    total = 0
    for year in w.years:
        if datetime.date(year, 5, 31) > w.today:
            continue
        drive = JoiningDrive.unscoped.create(
            name=f"{year}年农民工集中入会行动",
            node=w.district,
            starts_on=datetime.date(year, 3, 1),
            ends_on=datetime.date(year, 5, 31),
            target=w.scaled(JOININGS_A_YEAR),
        )
        batches = []
        joined_now = split(w.scaled(JOININGS_A_YEAR * w.rng.uniform(0.9, 1.1)), len(w.streets), w.rng)
        for street, joined in zip(w.streets, joined_now, strict=True):
            for part in split(joined, 3, w.rng):
                if part:
                    day = drive.starts_on + datetime.timedelta(days=w.rng.randrange(92))
                    batches.append(
                        DriveJoining(drive=drive, held_on=day, joined=part, note=street.name, path=drive.path)
                    )
                    total += part
        DriveJoining.unscoped.bulk_create(batches)
    return total
