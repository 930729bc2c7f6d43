"""The member service card's demo data, added to a generated district: the seed's 53
partner merchants (and those since), cards for the members (enterprise card rate well over
60%) with their history, a plan year each year from 2012 to this one, the one-time aid of
2012-2016 (509 people, 531.5万 yuan, 80% non-enterprise workers) and the claims since,
merchant transactions and free-service uses every month up to today. Nothing here stores a
figure: the statistics pages compute them from these rows."""

import random

from gonghui.accounts.models import User
from gonghui.cards.models import Card
from gonghui.organizations.models import Node

from .holders import issue_cards
from .merchants import seed_free_services, seed_merchants, seed_sales
from .partners import seed_partner_changes
from .protection import seed_claims, seed_plans

__all__ = ["seed_cards"]


def seed_cards(rng: random.Random, *, scale: float, actor: User) -> str:
    district = Node.objects.filter(kind=Node.Kind.DISTRICT).order_by("path").first()
    if district is None or Card.unscoped.exists():
        return "cards: nothing to do"
    merchants = seed_partner_changes(rng, district, seed_merchants(rng, district))
    holders = issue_cards(rng)
    enrolled = seed_plans(actor)
    paid = seed_claims(rng, holders, actor)
    sales = seed_sales(rng, merchants, holders, scale)
    uses = seed_free_services(rng, district, holders, scale)
    return (
        f"cards: {len(merchants)} merchants, {Card.unscoped.count()} cards "
        f"({sum(h[4] is None for h in holders)} active), "
        f"{enrolled} enrolments, {paid} paid claims, {sales} transactions, {uses} free-service uses"
    )
