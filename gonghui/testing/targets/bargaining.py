"""The bargaining module's id-taking routes: offers and their rounds, agreements and their
clocks. An offer of each relation comes from its place's union (the parent's is a regional
offer of the street); each is carried to a signed agreement, the congress's decision recorded
through the spine's referral."""

import datetime

from django.utils import timezone

from gonghui.bargaining import services
from gonghui.bargaining.models import Agreement, Kind, Level, Offer, Round
from gonghui.organizations.selectors import referral_of
from gonghui.organizations.services import referral_decide
from gonghui.testing.district import District

from .base import Group, Objects, Place, Target, ids

DAY = datetime.timedelta(days=1)
ROUTES = {
    "bargaining:offer": Target("offer"),
    "bargaining:offer_answer": Target("offer", post={"accepted": "1", "on": "2026-01-05"}),
    "bargaining:round_add": Target("offer", post={"talks_on": "2030-01-01"}),
    "bargaining:draft_refer": Target("offer", post={"draft": "草案"}),
    "bargaining:draft_revise": Target("offer"),
    "bargaining:offer_sign": Target(
        "offer",
        post={
            "title": "协议",
            "signed_on": "2026-01-05",
            "starts_on": "2026-01-05",
            "ends_on": "2027-01-04",
            "workers_covered": "5",
        },
    ),
    "bargaining:offer_abandon": Target("offer"),
    "bargaining:round_info": Target("round", post={"on": "2026-01-05"}),
    "bargaining:round_hold": Target("round", post={"minutes": "纪要"}),
    "bargaining:agreement": Target("agreement"),
    "bargaining:agreement_step": Target("agreement", post={"step": "hr_file", "on": "2026-01-05"}),
    "bargaining:agreement_terminate": Target("agreement", post={"on": "2026-01-05", "reason": "企业注销"}),
    "bargaining:agreement_renew": Target("agreement"),
}


def offer_at(relation: str, place: Place, sent_on: datetime.date) -> Offer:
    regional = relation == "parent"
    return services.offer_send(
        node=place.node,
        kind=Kind.WAGE,
        level=Level.REGIONAL if regional else Level.ENTERPRISE,
        unit=None if regional else place.unit,
        counterpart=f"标记企业方{relation}",
        sent_on=sent_on,
        actor=None,
    )


def agreement_from(o: Offer, place: Place, day: datetime.date) -> Agreement:
    services.offer_answer(offer=o, accepted=True, on=o.sent_on + DAY, actor=None)
    talks = services.round_schedule(offer=o, talks_on=timezone.localdate(), actor=None)
    services.round_hold(talks=talks, minutes="标记纪要", actor=None)
    services.draft_refer(offer=o, draft="标记草案", actor=None)
    referral = referral_of(o.source)
    assert referral is not None
    referral_decide(referral=referral, adopted=True, decided_by="congress.item:0", on=day, actor=None)
    return services.agreement_sign(
        offer=o,
        title=f"标记协议{o.pk}",
        signed_on=day,
        starts_on=day,
        ends_on=day + 365 * DAY,
        workers_covered=5,
        units=[place.unit],
        actor=None,
    )


def build(d: District, places: dict[str, Place]) -> Objects:
    today = timezone.localdate()
    offers = {r: offer_at(r, p, today - 20 * DAY) for r, p in places.items()}
    rounds: dict[str, Round] = {}
    for r, o in offers.items():
        services.offer_answer(offer=o, accepted=True, on=today - 10 * DAY, actor=None)
        rounds[r] = services.round_schedule(offer=o, talks_on=today + 10 * DAY, actor=None)
    agreements = {
        r: agreement_from(offer_at(r, p, today - 30 * DAY), p, today - 5 * DAY) for r, p in places.items()
    }
    return {"offer": ids(offers), "round": ids(rounds), "agreement": ids(agreements)}


BARGAINING = Group(ROUTES, build)
