"""Where the two modules meet: a bargaining draft is put to the unit's workers' congress through
the spine's referral, the representatives vote, the chair closes the vote, and the agreement can
be signed only then. Neither module imports the other; this test drives both."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.bargaining import services as bargaining
from gonghui.bargaining.errors import BargainingError
from gonghui.congress import services as congress
from gonghui.congress.models import Choice
from gonghui.organizations.models import Referral
from gonghui.organizations.selectors import referral_of, referrals_pending
from gonghui.testing.bargaining import offer
from gonghui.testing.congress import CongressWorld

pytestmark = pytest.mark.django_db


def test_the_congress_vote_decides_whether_the_draft_can_be_signed(district):
    world = CongressWorld(district)
    actor = district.users["chair"]
    o = offer(district)
    bargaining.offer_answer(offer=o, accepted=True, on=o.sent_on + datetime.timedelta(days=5), actor=actor)
    talks = bargaining.round_schedule(offer=o, talks_on=timezone.localdate(), actor=actor)
    bargaining.round_hold(talks=talks, minutes="工资增幅 6%，最低工资标准以上。", actor=actor)
    referral = bargaining.draft_refer(offer=o, draft="2027年度工资专项集体协议草案全文", actor=actor)
    assert referrals_pending(district.dinghai_union) == [referral]

    # The chair sees the referred draft on the congress's page and puts it on the agenda.
    client = Client()
    client.force_login(actor)
    assert (
        "工资专项集体协议草案"
        in client.get(reverse("congress:detail", args=[world.congress.pk])).content.decode()
    )
    session = world.session()
    response = client.post(
        reverse("congress:item_add", args=[session.pk]),
        {
            "kind": "approve",
            "title": "审议工资专项集体协议草案",
            "material": o.draft,
            "referral": referral.pk,
        },
    )
    assert response.status_code == 302
    item = session.items.get()
    assert item.referral_id == referral.pk
    world.sign_in(session, world.seats)
    congress.item_open(item=item, actor=actor)
    today = timezone.localdate()
    sign = dict(
        offer=o,
        title="2027年度工资专项集体协议",
        signed_on=today,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=365),
        workers_covered=40,
        actor=actor,
    )
    with pytest.raises(BargainingError):
        bargaining.agreement_sign(**sign)  # the vote is still open
    for seat in world.seats[:5]:
        congress.vote_cast(item=item, representative=seat, choice=Choice.FOR, actor=None)
    client.post(reverse("congress:item_close", args=[item.pk]))
    assert referral_of(o.source).status == Referral.Status.ADOPTED
    page = client.get(reverse("bargaining:offer", args=[o.pk])).content.decode()
    assert "已通过" in page
    agreement = bargaining.agreement_sign(**sign)
    assert agreement.offer_id == o.pk
