"""The district's agreements since before 2012, written set-based: the offers (from 2012, the
review period), the agreements with their filing dates, and the units they cover."""

import datetime
import random
from collections import defaultdict
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max

from gonghui.bargaining.models import Agreement, AgreementUnit, Kind, Level, Offer
from gonghui.lib.bulk import insert_rows
from gonghui.organizations.models import Node, Unit

from .plan import ACTION_MONTHS, Chain, Enterprise, add_years, first_coverage, terms

DAY = datetime.timedelta(days=1)
PERIOD_START = datetime.date(2012, 1, 1)
OFFER_COLUMNS = [
    "id",
    "node_id",
    "level",
    "kind",
    "unit_id",
    "counterpart",
    "action_month",
    "sent_on",
    "answer_due",
    "answered_on",
    "status",
    "draft",
    "closed_on",
    "renews_id",
    "path",
]
AGREEMENT_COLUMNS = [
    "id",
    "node_id",
    "offer_id",
    "kind",
    "level",
    "title",
    "employer_party",
    "signed_on",
    "starts_on",
    "ends_on",
    "workers_covered",
    "hr_file_due",
    "hr_filed_on",
    "hr_review_due",
    "hr_decision",
    "hr_decided_on",
    "publish_due",
    "published_on",
    "union_file_due",
    "union_filed_on",
    "renegotiate_on",
    "terminated_on",
    "path",
]


def enterprises() -> list[Enterprise]:
    rows = (
        Unit.unscoped.exclude(ownership__in=Unit.NON_ENTERPRISE)
        .order_by("id")
        .values_list("id", "street_id", "path", "union_id", "covered_on", "workforce")
    )
    return [Enterprise(*row) for row in rows]


def chains(rng: random.Random, covered: list[Enterprise], today: datetime.date) -> list[Chain]:
    nodes = dict(Node.objects.values_list("pk", "path"))
    # Every enterprise's name, not those of `covered` by id: at ten times the scale they are more
    # than a statement's 65,535 parameters.
    names = dict(Unit.unscoped.exclude(ownership__in=Unit.NON_ENTERPRISE).values_list("pk", "name"))
    streets = dict(Node.objects.filter(kind=Node.Kind.STREET).values_list("pk", "name"))
    middles: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for pk, path in Node.objects.filter(kind__in=[Node.Kind.REGIONAL, Node.Kind.INDUSTRY]).values_list(
        "pk", "path"
    ):
        street = next((s for s, p in nodes.items() if s in streets and path.startswith(p)), None)
        if street is not None:
            middles[street].append((pk, path))
    out: list[Chain] = []
    groups: dict[tuple[int, int], list[Enterprise]] = defaultdict(list)
    for e in covered:
        if e.bargains_alone:
            assert e.union_id is not None
            party = names[e.unit_id]
            out.append(
                Chain(Kind.CONTRACT, Level.ENTERPRISE, e.union_id, nodes[e.union_id], party, e.first, 3, [e])
            )
            if e.first.year >= 2012 and rng.random() < 0.25:
                wage_first = add_years(e.first, 1)
                if wage_first <= today:
                    out.append(
                        Chain(
                            Kind.WAGE,
                            Level.ENTERPRISE,
                            e.union_id,
                            nodes[e.union_id],
                            party,
                            wage_first,
                            1,
                            [e],
                        )
                    )
        else:
            groups[(e.street_id, e.first.year)].append(e)
    for (street, year), members in sorted(groups.items()):
        node_id, node_path = (middles[street] or [(street, nodes[street])])[0]
        first = min(m.first for m in members)
        for m in members:
            m.first = first  # they sign together
        party = f"{streets[street]}区域企业（{year}年加入）"
        out.append(Chain(Kind.CONTRACT, Level.REGIONAL, node_id, node_path, party, first, 3, members))
    return out


def _late(rng: random.Random, share: float, usual: tuple[int, int], late: tuple[int, int]) -> int:
    low, high = late if rng.random() < share else usual
    return rng.randint(low, high)


def _done(day: datetime.date, today: datetime.date) -> datetime.date | None:
    return day if day <= today else None


def agreement_row(
    rng: random.Random,
    pk: int,
    offer_id: int | None,
    chain: Chain,
    start: datetime.date,
    end: datetime.date,
    today: datetime.date,
) -> list[Any]:
    signed = max(start - rng.randint(0, 12) * DAY, chain.first - 12 * DAY)
    signed = min(signed, start, today)
    filed = _done(signed + _late(rng, 0.06, (1, 7), (8, 20)) * DAY, today)
    decision, decided = "", None
    if filed is not None:
        if rng.random() < 0.8:
            decision, decided = "approved", _done(filed + rng.randint(3, 14) * DAY, today)
        elif filed + 15 * DAY < today:
            decision, decided = "deemed", filed + 15 * DAY
        if decided is None:
            decision = ""
    publish_due = decided + 5 * DAY if decided else None
    published = _done(decided + _late(rng, 0.07, (1, 5), (6, 15)) * DAY, today) if decided else None
    union_filed = _done(signed + _late(rng, 0.06, (2, 15), (16, 30)) * DAY, today)
    kind = Kind(chain.kind)
    return [
        pk,
        chain.node_id,
        offer_id,
        chain.kind,
        chain.level,
        f"{chain.party}{start.year}年{kind.label}",
        chain.party,
        signed,
        start,
        end,
        sum(u.workforce for u in chain.units),
        signed + 7 * DAY,
        filed,
        filed + 15 * DAY if filed else None,
        decision,
        decided,
        publish_due,
        published,
        signed + 15 * DAY,
        union_filed,
        end - 60 * DAY,
        None,
        chain.node_path,
    ]


def offer_row(
    rng: random.Random, pk: int, chain: Chain, signed: datetime.date, renews: int | None
) -> list[Any]:
    sent = signed - rng.randint(35, 80) * DAY
    answered = min(sent + _late(rng, 0.12, (2, 20), (21, 32)) * DAY, signed - 10 * DAY)
    unit_id = chain.units[0].unit_id if chain.level == Level.ENTERPRISE else None
    return [
        pk,
        chain.node_id,
        chain.level,
        chain.kind,
        unit_id,
        chain.party,
        sent.month in ACTION_MONTHS,
        sent,
        sent + 20 * DAY,
        answered,
        Offer.Status.SIGNED,
        "",
        signed,
        renews,
        chain.node_path,
    ]


def next_id(model: type[Offer] | type[Agreement]) -> int:
    return (model.unscoped.aggregate(m=Max("id"))["m"] or 0) + 1


def write(rng: random.Random, scale: float, today: datetime.date) -> dict[str, int]:
    covered = first_coverage(rng, enterprises(), scale, today)
    plan = chains(rng, covered, today)
    offer_pk, agreement_pk = next_id(Offer), next_id(Agreement)
    offers, agreements, links = [], [], []
    for chain in plan:
        previous: int | None = None
        for start, end in terms(chain, today):
            row = agreement_row(rng, agreement_pk, None, chain, start, end, today)
            if start >= PERIOD_START:
                offers.append(offer_row(rng, offer_pk, chain, row[7], previous))
                row[2] = offer_pk
                offer_pk += 1
            agreements.append(row)
            links += [(agreement_pk, unit.unit_id, unit.path) for unit in chain.units]
            previous = agreement_pk
            agreement_pk += 1
    insert_rows(Offer._meta.db_table, OFFER_COLUMNS, offers)
    insert_rows(Agreement._meta.db_table, AGREEMENT_COLUMNS, agreements)
    insert_rows(AgreementUnit._meta.db_table, ["agreement_id", "unit_id", "path"], links)
    with connection.cursor() as cursor:  # explicit ids: move the sequences past them
        for sql in connection.ops.sequence_reset_sql(no_style(), [Offer, Agreement]):
            cursor.execute(sql)
    return {"enterprises": len(covered), "agreements": len(agreements), "offers": len(offers)}
