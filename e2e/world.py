"""A district with something on every page, and the pages each role opens first: the walk of
the browser test and the language scan share them."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.test import TestCase
from django.urls import reverse
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.cards import services as cards
from gonghui.cards.tests.conftest import build_world
from gonghui.culture import services as culture
from gonghui.culture.tests.conftest import Culture
from gonghui.disputes import services as disputes
from gonghui.disputes.tests.conftest import make_network
from gonghui.testing import build_district

MEMBER, CASHIER, DESK = "member", "cashier", "venue"
PHONE_ROLES = (MEMBER, CASHIER, DESK)  # their pages are used on a phone


@dataclass
class Walk:
    users: dict[str, User]
    pages: dict[str, list[str]] = field(default_factory=dict)


def build_walk() -> Walk:
    d = build_district()
    staff = d.users["district"]
    world = build_world(d)
    culture_world = Culture(d)
    session = culture_world.session(capacity=20)
    with TestCase.captureOnCommitCallbacks(execute=True):
        culture.booking_create(session=session, member=d.members["own"], actor=d.users["member"])
    network = make_network(d)
    case = network.cases["own"]
    disputes.case_accept(case=case, actor=staff)
    disputes.case_note(case=case, note="已电话联系单位人事部门", actor=d.users["member"])
    claim = cards.claim_file(
        member=d.members["own"],
        kind="illness",
        occurred_on=timezone.localdate() - datetime.timedelta(days=10),
        health_details="住院治疗",
        amount_requested=Decimal("12000.00"),
        actor=d.users["member"],
    )
    card = world.cards["own"]
    # Mediators are people with names (the demo's have them); the test persona is given one.
    User.objects.filter(pk=d.users["mediator"].pk).update(first_name="陈调解")
    users = {**d.users, "venue_staff": culture_world.staff, "venue": world.venue}
    root, own = d.root.pk, d.members["own"].pk
    r = reverse
    staff_pages = [
        r("organizations:node", args=[root]),
        r("organizations:units"),
        r("members:list"),
        r("members:detail", args=[own]),
        r("members:joins"),
        r("members:transfers"),
        r("members:imports"),
        r("members:export"),
        r("cards:list"),
        r("cards:card", args=[card.pk]),
        r("cards:rates"),
        r("cards:overview", args=[root]),
        r("cards:merchants"),
        r("cards:merchant", args=[world.merchant.pk]),
        r("cards:reconciliation"),
        r("cards:usage"),
        r("cards:plans"),
        r("cards:claims"),
        r("cards:claim", args=[claim.pk]),
        r("cards:claim-new"),
        r("cards:service-stats"),
        r("culture:sessions"),
        r("culture:sessions") + "?view=week",
        r("culture:venues"),
        r("culture:venue", args=[culture_world.dinghai_venue.pk]),
        r("culture:session", args=[session.pk]),
        r("culture:figures"),
        r("culture:programmes"),
        r("culture:session_new"),
        r("culture:venue_new"),
        r("culture:funding_new"),
        r("disputes:cases"),
        r("disputes:case-new"),
        r("disputes:case", args=[case.pk]),
        r("disputes:network"),
        r("disputes:inspections"),
        r("disputes:letters"),
    ]
    pages = {
        "district": staff_pages,
        "dinghai_cadre": [r("members:list"), r("cards:rates"), r("culture:sessions"), r("disputes:cases")],
        "chair": [r("members:list"), r("members:imports")],
        "mediator": [r("disputes:cases"), r("disputes:case", args=[case.pk])],
        "venue_staff": [r("culture:sessions"), r("culture:session", args=[session.pk])],
        DESK: [r("cards:desk")],
        CASHIER: [r("cards:cashier"), r("cards:cashier-sales")],
        MEMBER: [
            r("portal:home"),
            r("cards:my"),
            r("cards:my-claims"),
            r("cards:my-claim-new"),
            r("cards:my-claim", args=[claim.pk]),
            r("cards:my-services"),
            r("culture:m_menu"),
            r("culture:m_session", args=[session.pk]),
            r("culture:m_bookings"),
            r("disputes:my-cases"),
            r("disputes:my-case-new"),
            r("disputes:my-case", args=[case.pk]),
        ],
        "": [r("accounts:login"), r("portal:login")],
    }
    return Walk(users=users, pages=pages)
