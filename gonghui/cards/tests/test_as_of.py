"""Stocks as of a past day: card holders, card rates, members reached and partner merchants
follow the dated history of memberships, cards and merchants. A small hand-made history; each
answer is worked out by hand in the test."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.cards import services
from gonghui.cards.models import Card, CardStatusChange, DiscountRule, Merchant, MerchantStatusChange
from gonghui.cards.selectors import cards_figures
from gonghui.lib.figures import Period
from gonghui.members.models import Member, MemberStatus, MemberStatusChange
from gonghui.organizations.models import Unit

pytestmark = pytest.mark.django_db


def at(y: int, m: int, d: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(y, m, d, 10))


def card(member: Member, no: str, activated: datetime.datetime, status: str = Card.Status.ACTIVE) -> Card:
    return Card.unscoped.create(
        card_no=no,
        member=member,
        status=status,
        issued_at=activated - datetime.timedelta(days=10),
        activated_at=activated,
    )


def moved(c: Card, when: datetime.datetime, before: str, after: str) -> None:
    CardStatusChange.objects.create(card=c, from_status=before, to_status=after, at=when)


@pytest.fixture
def history(district):
    """own: held from 2015, lost 2018-04-10. colleague: from 2016-06, suspended 2017-02-01 to
    2017-05-01. subtree: from 2019-01-10. sibling: from 2015, left the union 2020-07-01 and the
    card closed the next day. sibling2: no card. pingliang's unit is an institution."""
    d = district
    Unit.unscoped.filter(pk=d.units["pingliang_c"].pk).update(ownership=Unit.Ownership.INSTITUTION)
    m = d.members
    own = card(m["own"], "3101100000000001", at(2015, 3, 1), Card.Status.LOST)
    moved(own, at(2018, 4, 10), Card.Status.ACTIVE, Card.Status.LOST)
    colleague = card(m["colleague"], "3101100000000002", at(2016, 6, 1))
    moved(colleague, at(2017, 2, 1), Card.Status.ACTIVE, Card.Status.SUSPENDED)
    moved(colleague, at(2017, 5, 1), Card.Status.SUSPENDED, Card.Status.ACTIVE)
    card(m["subtree"], "3101100000000003", at(2019, 1, 10))
    sibling = card(m["sibling"], "3101100000000004", at(2015, 1, 1), Card.Status.CLOSED)
    moved(sibling, at(2020, 7, 2), Card.Status.ACTIVE, Card.Status.CLOSED)
    Member.unscoped.filter(pk=m["sibling"].pk).update(status=MemberStatus.LEFT)
    MemberStatusChange.objects.create(
        member=m["sibling"],
        from_status=MemberStatus.ACTIVE,
        to_status=MemberStatus.LEFT,
        union=d.pingliang_union,
        at=at(2020, 7, 1),
    )
    return d


def stocks(node, day: datetime.date | None) -> dict:
    figures = cards_figures(node, None if day is None else Period.as_of(day))
    keys = ("card_holders", "card_rate", "enterprise_members", "enterprise_card_holders", "members_reached")
    return {key: figures[key] for key in keys}


def test_card_holders_follow_the_history_of_cards_and_memberships(history):
    root = history.root
    # End of 2017: five members counted (own, colleague, subtree, sibling, sibling2; "left"
    # left before the records and "flagged" never counts); holders own, colleague (back from
    # suspension), sibling. Enterprise members: own, colleague, subtree; holders own, colleague.
    assert stocks(root, datetime.date(2017, 12, 31)) == {
        "card_holders": 3,
        "card_rate": 0.6,
        "enterprise_members": 3,
        "enterprise_card_holders": 2,
        "members_reached": 3,
    }
    # 31 March 2017: colleague's card is suspended.
    assert stocks(root, datetime.date(2017, 3, 31))["card_holders"] == 2
    # End of 2018: own's card was lost in April; subtree's not yet activated.
    end_2018 = stocks(root, datetime.date(2018, 12, 31))
    assert end_2018["card_holders"] == 2 and end_2018["enterprise_card_holders"] == 1
    # End of 2019: colleague, subtree, sibling; four cards issued so far.
    assert stocks(root, datetime.date(2019, 12, 31))["card_holders"] == 3
    assert stocks(root, datetime.date(2019, 12, 31))["members_reached"] == 4
    # End of 2020: sibling left in July: four members, two holders.
    end_2020 = stocks(root, datetime.date(2020, 12, 31))
    assert end_2020["card_holders"] == 2 and end_2020["card_rate"] == 0.5
    # A year's figures give the stocks of its last day; no period gives today's.
    assert cards_figures(root, Period.year(2017))["card_holders"] == 3
    assert stocks(root, None) == {**end_2020, "members_reached": 4}
    # Pingliang at the end of 2019: sibling and sibling2 counted, sibling holds a card.
    street = stocks(history.pingliang, datetime.date(2019, 12, 31))
    assert street["card_holders"] == 1 and street["card_rate"] == 0.5 and street["enterprise_members"] == 0
    # Before anyone held a card.
    assert stocks(root, datetime.date(2014, 12, 31))["card_holders"] == 0


def test_partner_merchants_and_discounts_as_of_a_day(district):
    """A merchant signed for 2014-2030, suspended 2019-03-01, resumed 2019-09-01, ended
    2024-01-15; a 10% rule all along and a 30% rule for 2016 only. A second merchant signs in
    2021 with 20%."""
    merchant = Merchant(
        name="联华超市",
        category=Merchant.Category.SUPERMARKET,
        agreement_start=datetime.date(2014, 1, 1),
        agreement_end=datetime.date(2030, 12, 31),
        node=district.root,
        status=Merchant.Status.ENDED,
    )
    merchant.save()
    for when, before, after in (
        (at(2019, 3, 1), "active", "suspended"),
        (at(2019, 9, 1), "suspended", "active"),
        (at(2024, 1, 15), "active", "ended"),
    ):
        MerchantStatusChange.objects.create(merchant=merchant, from_status=before, to_status=after, at=when)
    for rate, start, end in (("0.10", (2014, 1, 1), (2030, 12, 31)), ("0.30", (2016, 1, 1), (2016, 12, 31))):
        DiscountRule(
            merchant=merchant,
            name=rate,
            rate=Decimal(rate),
            starts_on=datetime.date(*start),
            ends_on=datetime.date(*end),
        ).save()
    later = Merchant(
        name="苏宁",
        category=Merchant.Category.ELECTRONICS,
        agreement_start=datetime.date(2021, 1, 1),
        agreement_end=datetime.date(2030, 12, 31),
        node=district.root,
    )
    later.save()
    DiscountRule(
        merchant=later,
        name="8折",
        rate=Decimal("0.20"),
        starts_on=datetime.date(2021, 1, 1),
        ends_on=datetime.date(2030, 12, 31),
    ).save()

    def partners(day: datetime.date) -> tuple:
        f = cards_figures(district.root, Period.as_of(day))
        return f["merchants"], f["discount_rate_min"], f["discount_rate_max"]

    assert partners(datetime.date(2013, 12, 31)) == (0, None, None)
    assert partners(datetime.date(2016, 12, 31)) == (1, 0.1, 0.3)
    assert partners(datetime.date(2018, 12, 31)) == (1, 0.1, 0.1)
    assert partners(datetime.date(2019, 6, 30)) == (0, None, None)
    assert partners(datetime.date(2020, 12, 31)) == (1, 0.1, 0.1)
    assert partners(datetime.date(2022, 12, 31)) == (2, 0.1, 0.2)
    assert partners(datetime.date(2024, 12, 31)) == (1, 0.2, 0.2)


def test_the_services_keep_the_history(district):
    staff = district.users["district"]
    issued = services.card_issue(member=district.members["own"], actor=staff)
    services.card_activate(card=issued, actor=staff)
    services.card_suspend(card=issued, actor=staff)
    services.card_resume(card=issued, actor=staff)
    services.card_report_lost(card=issued, actor=staff)
    moves = list(CardStatusChange.objects.filter(card=issued).values_list("from_status", "to_status"))
    assert moves == [
        ("issued", "active"),
        ("active", "suspended"),
        ("suspended", "active"),
        ("active", "lost"),
    ]
    today = timezone.localdate()
    merchant = services.merchant_create(
        name="华联超市",
        category=Merchant.Category.SUPERMARKET,
        agreement_start=today,
        agreement_end=today,
        node=district.root,
        actor=staff,
    )
    services.merchant_set_status(merchant=merchant, status=Merchant.Status.SUSPENDED, actor=staff)
    services.merchant_set_status(merchant=merchant, status=Merchant.Status.SUSPENDED, actor=staff)
    changes = MerchantStatusChange.objects.filter(merchant=merchant)
    assert list(changes.values_list("from_status", "to_status")) == [("active", "suspended")]
