"""The partner merchants since 2017: a few agreements end, a few are suspended for a while,
new merchants sign on. The 53 of the review period are all in partnership at the end of 2016."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.cards.models import CashierAccount, DiscountRule, Merchant, MerchantStatusChange, Store
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

from ..spine import DEMO_PASSWORD
from .common import SHANGHAI, moment
from .merchants import MERCHANTS, STORE_STREETS, Partner

NEWCOMERS = [
    ("盒马鲜生", "supermarket"),
    ("叮咚买菜", "supermarket"),
    ("大润发", "supermarket"),
    ("华润万家", "supermarket"),
    ("国大药房", "pharmacy"),
    ("钱大妈", "supermarket"),
    ("西西弗书店", "books"),
    ("万达影城五角场店", "leisure"),
]
ENDED = 5
SUSPENDED = 3


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, 10, tzinfo=SHANGHAI)


def seed_partner_changes(rng: random.Random, district: Node, partners: list[Partner]) -> list[Partner]:
    today = timezone.localdate()
    changes = []
    picked = rng.sample(partners, ENDED + SUSPENDED)
    for merchant, rule, _stores in picked[:ENDED]:
        end = moment(rng, datetime.date(2018, 1, 1), today - datetime.timedelta(days=30)).date()
        Merchant.unscoped.filter(pk=merchant.pk).update(status=Merchant.Status.ENDED, agreement_end=end)
        DiscountRule.unscoped.filter(pk=rule.pk).update(ends_on=end)
        merchant.agreement_end, rule.ends_on = end, end
        changes.append(
            MerchantStatusChange(merchant=merchant, from_status="active", to_status="ended", at=_at(end))
        )
    for merchant, _rule, _stores in picked[ENDED:]:
        start = moment(rng, datetime.date(2017, 3, 1), today - datetime.timedelta(days=200)).date()
        back = start + datetime.timedelta(days=rng.randrange(20, 120))
        changes.append(
            MerchantStatusChange(
                merchant=merchant, from_status="active", to_status="suspended", at=_at(start)
            )
        )
        changes.append(
            MerchantStatusChange(merchant=merchant, from_status="suspended", to_status="active", at=_at(back))
        )
    MerchantStatusChange.objects.bulk_create(changes)
    password = make_password(DEMO_PASSWORD)
    added = []
    for i, (name, category) in enumerate(NEWCOMERS, start=len(MERCHANTS) + 1):
        start = moment(rng, datetime.date(2018, 1, 1), today - datetime.timedelta(days=60)).date()
        merchant = Merchant(
            name=name,
            category=category,
            agreement_start=start,
            agreement_end=datetime.date(today.year + 2, 12, 31),
            node=district,
        )
        merchant.save()
        stores = []
        for street in rng.sample(STORE_STREETS, rng.randint(1, 2)):
            store = Store(
                merchant=merchant, name=f"{street}店", address=f"杨浦区{street}{rng.randint(1, 999)}号"
            )
            store.save()
            stores.append(store)
        rate = Decimal(rng.choice(["0.10", "0.12", "0.15", "0.20", "0.25"]))
        rule = DiscountRule(
            merchant=merchant,
            name=f"持卡会员{100 - int(rate * 100)}折",
            rate=rate,
            starts_on=start,
            ends_on=merchant.agreement_end,
        )
        rule.save()
        cashier = User.objects.create(username=f"cashier{i:02d}", role=Role.CASHIER, password=password)
        CashierAccount.objects.create(user=cashier, store=stores[0])
        added.append((merchant, rule, stores))
    return partners + added
