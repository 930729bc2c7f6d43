"""The card module's test world on top of the shared district: cards for the members,
a merchant with two stores and a cashier each, a plan year, a service point."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.cards import services
from gonghui.cards.models import (
    Card,
    DiscountRule,
    FreeService,
    Merchant,
    PlanYear,
    ServicePoint,
    ServicePointStaff,
    Store,
)
from gonghui.lib.roles import Role
from gonghui.members.models import Member

from .district import PASSWORD, District


@dataclass
class World:
    d: District
    cards: dict[str, Card]
    merchant: Merchant
    store: Store
    other_store: Store
    rule: DiscountRule
    cashier: User
    other_cashier: User
    plan: PlanYear
    point: ServicePoint
    service: FreeService
    venue: User


def active_card(member: Member, actor: User) -> Card:
    card = services.card_issue(member=member, actor=actor)
    return services.card_activate(card=card, actor=actor)


def build_world(d: District) -> World:
    staff = d.users["district"]
    cards = {key: active_card(d.members[key], staff) for key in ("own", "colleague", "subtree", "sibling")}
    today = timezone.localdate()
    merchant = services.merchant_create(
        name="上海农工商超市",
        category=Merchant.Category.SUPERMARKET,
        agreement_start=today - datetime.timedelta(days=365),
        agreement_end=today + datetime.timedelta(days=365),
        node=d.root,
        actor=staff,
    )
    store = services.store_create(merchant=merchant, name="控江路店", actor=staff)
    other_store = services.store_create(merchant=merchant, name="平凉路店", actor=staff)
    rule = services.rule_create(
        merchant=merchant,
        name="会员九折",
        rate=Decimal("0.10"),
        cap=Decimal("50.00"),
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=30),
        actor=staff,
    )
    cashier = d.users["cashier"]
    services.cashier_account_create(user=cashier, store=store, actor=staff)
    other_cashier = User.objects.create(
        username="cashier2", role=Role.CASHIER, password=make_password(PASSWORD)
    )
    services.cashier_account_create(user=other_cashier, store=other_store, actor=staff)
    plan = services.plan_year_save(year=today.year, actor=staff)
    services.plan_year_enrol(plan=plan, actor=staff)
    point = ServicePoint(name="沪东工人文化宫", node=d.root)
    point.save()
    service = FreeService.objects.create(
        name="免费观影", kind=FreeService.Kind.FILM, provider="沪东工人文化宫", yearly_quota=2
    )
    point.services.add(service)
    venue = User.objects.create(username="venue", role=Role.VENUE_STAFF, password=make_password(PASSWORD))
    ServicePointStaff.objects.create(user=venue, point=point)
    return World(
        d, cards, merchant, store, other_store, rule, cashier, other_cashier, plan, point, service, venue
    )
