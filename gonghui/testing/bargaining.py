"""The bargaining module's test world: an offer of the chair's union carried to a signed
agreement. The workers' congress's decision is recorded as the congress module records it,
through the spine's referral (this package reaches no other module)."""

import datetime

from django.utils import timezone

from gonghui.bargaining import services
from gonghui.bargaining.models import Agreement, Kind, Level, Offer
from gonghui.organizations.selectors import referral_of
from gonghui.organizations.services import referral_decide

from .district import District

DAY = datetime.timedelta(days=1)


def offer(
    d: District, *, sent_on: datetime.date | None = None, unit_key: str = "dinghai_a", union=None
) -> Offer:
    return services.offer_send(
        node=union or d.dinghai_union,
        kind=Kind.WAGE,
        level=Level.ENTERPRISE,
        unit=d.units[unit_key],
        counterpart=d.units[unit_key].name,
        sent_on=sent_on or timezone.localdate() - 30 * DAY,
        actor=d.users["district"],
    )


def adopted_offer(d: District, *, decided_on: datetime.date | None = None, **kw) -> Offer:
    """Answered in time, one round held, the draft put to the congress and adopted."""
    o = offer(d, **kw)
    actor = d.users["district"]
    services.offer_answer(offer=o, accepted=True, on=o.sent_on + 10 * DAY, actor=actor)
    talks = services.round_schedule(offer=o, talks_on=timezone.localdate(), actor=actor)
    services.round_hold(talks=talks, minutes="双方就工资增幅达成一致。", actor=actor)
    services.draft_refer(offer=o, draft="年度工资增长 6%。", actor=actor)
    referral = referral_of(o.source)
    assert referral is not None
    on = decided_on or timezone.localdate()
    referral_decide(referral=referral, adopted=True, decided_by="congress.item:1", on=on, actor=actor)
    o.refresh_from_db()
    return o


def signed(d: District, *, signed_on: datetime.date | None = None, **kw) -> Agreement:
    """An agreement signed `signed_on` (today when not given), in force for a year from then."""
    day = signed_on or timezone.localdate()
    o = adopted_offer(d, decided_on=day, sent_on=day - 30 * DAY, **kw)
    return services.agreement_sign(
        offer=o,
        title="2027年度工资专项集体协议",
        signed_on=day,
        starts_on=day,
        ends_on=day + 365 * DAY,
        workers_covered=40,
        actor=d.users["district"],
    )
