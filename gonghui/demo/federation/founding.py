"""Founding applications and joining drives. The spine generated the district's unions up to the
end of 2016: the unions it founded in 2012-2016 get the applications they came from (so
`unions_founded` for those years equals the spine's new unions); from 2017 on, a dozen small
units a year (scaled) found a union here, and a few applications are open today."""

import datetime

from gonghui.accounts.models import User
from gonghui.federation import services
from gonghui.federation.models import DriveJoining, FoundingApplication, FoundingStatus, JoiningDrive
from gonghui.lib.workdays import add_working_days
from gonghui.organizations.models import Node, Unit

from ..people import mobile, person_name
from .common import SEED_END, World, split

NEW_UNIONS_A_YEAR = 12  # from 2017, at scale 1
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
    """The applications behind the unions the spine founded in 2012-2016 (each hosts the unit
    it is named after)."""
    unions = Node.objects.filter(
        path__startswith=w.district.path,
        kind=Node.Kind.GRASSROOTS,
        founded_on__year__gte=2012,
        founded_on__lte=SEED_END,
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
    """From 2017 to today: small eligible units found unions under their street (nodes made in
    bulk beside the spine's, paths computed as treebeard does), the coverage moving year by year."""
    years = [y for y in w.years if y > SEED_END.year]
    wanted = sum(max(1, round(w.scaled(NEW_UNIONS_A_YEAR) * w.year_share(y))) for y in years)
    units = list(
        Unit.unscoped.filter(
            path__startswith=w.district.path, union__isnull=True, must_have_union=True
        ).order_by("workforce", "id")[: wanted + 6]
    )
    chosen, spare = units[:wanted], units[wanted:]
    streets = {s.pk: Node.objects.get(pk=s.pk) for s in w.streets}
    added: dict[int, int] = {}
    nodes, plans = [], []
    for i, unit in enumerate(chosen):
        year = years[i % len(years)]
        day = w.day_in(year, until=w.today - datetime.timedelta(days=30))
        street = streets[unit.street_id]
        added[street.pk] = added.get(street.pk, 0) + 1
        path = Node._get_path(street.path, street.depth + 1, street.numchild + added[street.pk])
        nodes.append(
            Node(
                name=f"{unit.name}工会",
                kind=Node.Kind.GRASSROOTS,
                founded_on=day,
                path=path,
                depth=street.depth + 1,
                chair_name=person_name(w.rng),
            )
        )
        plans.append((unit, day, street))
    Node.objects.bulk_create(nodes, batch_size=2000)
    for pk, n in added.items():
        Node.objects.filter(pk=pk).update(numchild=streets[pk].numchild + n)
    rows = []
    for node, (unit, day, street) in zip(nodes, plans, strict=True):
        unit.union, unit.covered_on, unit.path = node, day, node.path
        rows.append(_application(w, unit, node, day, street))
    Unit.unscoped.bulk_update([u for u, _d, _s in plans], ["union", "covered_on", "path"], batch_size=2000)
    FoundingApplication.unscoped.bulk_create(rows, batch_size=2000)
    return len(rows) + live_foundings(w, spare, actor)


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
