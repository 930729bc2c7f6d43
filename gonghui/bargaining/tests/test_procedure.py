"""The procedure and its clocks: the answer due in 20 days, information 5 days before talks,
no signing before the workers' congress adopts the draft, the filing clocks with their alerts
(safe to run twice), silence approving a review, and the figures as of a day."""

import datetime

import pytest
from django.utils import timezone

from gonghui.bargaining import services
from gonghui.bargaining.errors import BargainingError
from gonghui.bargaining.models import Agreement, AgreementUnit, Alert, Clock, Offer
from gonghui.bargaining.selectors import average_growth, bargaining_figures, overdue_filing
from gonghui.lib.figures import Period
from gonghui.organizations.selectors import referral_of
from gonghui.organizations.services import referral_decide
from gonghui.testing.bargaining import DAY, offer, signed

pytestmark = pytest.mark.django_db


def refused(code, fn, **kw):
    with pytest.raises(BargainingError) as caught:
        fn(**kw)
    assert caught.value.code == code, str(caught.value)


def test_the_offer_answer_is_due_in_20_days_and_info_5_days_before_talks(district):
    o = offer(district, sent_on=datetime.date(2026, 3, 2))
    assert o.answer_due == datetime.date(2026, 3, 22)
    assert o.answer_overdue(datetime.date(2026, 3, 23)) and not o.answer_overdue(datetime.date(2026, 3, 22))
    refused("status", services.round_schedule, offer=o, talks_on=timezone.localdate(), actor=None)
    services.offer_answer(offer=o, accepted=True, on=datetime.date(2026, 3, 25), actor=None)
    o.refresh_from_db()
    assert o.status == Offer.Status.TALKS and not o.answered_in_time
    talks = services.round_schedule(offer=o, talks_on=timezone.localdate() + 10 * DAY, actor=None)
    assert talks.info_due == talks.talks_on - 5 * DAY
    refused("rounds", services.draft_refer, offer=o, draft="草案", actor=None)  # no round held yet


def test_an_enterprise_offer_comes_from_its_own_union(district):
    refused(
        "unit",
        services.offer_send,
        node=district.dinghai_union_b,
        kind="wage",
        level="enterprise",
        unit=district.units["dinghai_a"],
        counterpart="x",
        sent_on=timezone.localdate(),
        actor=None,
    )


def test_no_signing_until_the_congress_adopts_the_draft(district):
    o = offer(district)
    services.offer_answer(offer=o, accepted=True, on=o.sent_on + DAY, actor=None)
    talks = services.round_schedule(offer=o, talks_on=timezone.localdate(), actor=None)
    services.round_hold(talks=talks, minutes="第一轮", actor=None)
    services.draft_refer(offer=o, draft="草案一", actor=None)
    today = timezone.localdate()
    sign = dict(
        offer=o,
        title="协议",
        signed_on=today,
        starts_on=today,
        ends_on=today + 300 * DAY,
        workers_covered=5,
        actor=None,
    )
    refused("not_adopted", services.agreement_sign, **sign)
    referral = referral_of(o.source)
    referral_decide(referral=referral, adopted=False, decided_by="congress.item:7", on=today, actor=None)
    refused("not_adopted", services.agreement_sign, **sign)
    services.draft_revise(offer=o, actor=None)  # back to the table, then a revised draft
    services.draft_refer(offer=o, draft="草案二", actor=None)
    referral_decide(
        referral=referral_of(o.source), adopted=True, decided_by="congress.item:8", on=today, actor=None
    )
    agreement = services.agreement_sign(**sign)
    assert list(AgreementUnit.objects.filter(agreement=agreement).values_list("unit_id", flat=True)) == [
        district.units["dinghai_a"].pk
    ]
    assert Offer.unscoped.get(pk=o.pk).status == Offer.Status.SIGNED


def test_the_filing_clocks_alert_once_and_silence_approves(district):
    agreement = signed(district, signed_on=timezone.localdate() - 40 * DAY)
    signed_on = agreement.signed_on
    assert (agreement.hr_file_due, agreement.union_file_due) == (signed_on + 7 * DAY, signed_on + 15 * DAY)
    assert agreement.renegotiate_on == agreement.ends_on - 60 * DAY
    day8 = signed_on + 8 * DAY
    assert services.clocks_tick(today=day8) == 1
    assert list(Alert.unscoped.values_list("clock", "overdue", "due_on")) == [
        (Clock.HR_FILE, True, signed_on + 7 * DAY)
    ]
    assert services.clocks_tick(today=day8) == 0  # a second run raises nothing new
    assert overdue_filing("", day8).filter(pk=agreement.pk).exists()
    services.agreement_file_hr(agreement=agreement, on=signed_on + 2 * DAY, actor=None)
    assert not overdue_filing("", signed_on + 3 * DAY).filter(pk=agreement.pk).exists()
    assert (
        overdue_filing("", signed_on + 16 * DAY).filter(pk=agreement.pk).exists()
    )  # the union filing is late
    services.clocks_tick(today=signed_on + 18 * DAY)  # the bureau said nothing for 15 days
    agreement.refresh_from_db()
    assert agreement.hr_decision == Agreement.HrDecision.DEEMED
    assert agreement.hr_decided_on == signed_on + 17 * DAY and agreement.publish_due == signed_on + 22 * DAY


def test_steps_cannot_be_dated_in_the_future_or_done_twice(district):
    agreement = signed(district)
    today = timezone.localdate()
    refused("date", services.agreement_file_hr, agreement=agreement, on=today + DAY, actor=None)
    services.agreement_file_hr(agreement=agreement, on=today, actor=None)
    refused("done", services.agreement_file_hr, agreement=agreement, on=today, actor=None)
    services.agreement_hr_approve(agreement=agreement, on=today, actor=None)
    agreement.refresh_from_db()
    assert agreement.publish_due == today + 5 * DAY


def test_figures_count_coverage_as_of_a_day(district):
    agreement = signed(district)
    today = timezone.localdate()
    figures = bargaining_figures(district.root, Period.as_of(today))
    assert figures["agreements_in_force"] == 1 and figures["enterprises_covered"] == 1
    assert figures["workers_covered"] == district.units["dinghai_a"].workforce
    assert figures["offers"] == 1 and figures["offers_answered_in_time_rate"] == 1.0
    before = bargaining_figures(district.root, Period.as_of(today - DAY))
    assert before["enterprises_covered"] == 0 and before["agreements_in_force"] == 0
    assert bargaining_figures(district.pingliang, Period.as_of(today))["enterprises_covered"] == 0
    services.agreement_terminate(agreement=agreement, on=today, reason="企业注销", actor=None)
    assert bargaining_figures(district.root, Period.as_of(today))["enterprises_covered"] == 0


def test_the_average_yearly_growth_is_compound():
    assert average_growth(4393, 9840, 5) == 0.175
    assert average_growth(0, 10, 5) is None
    assert average_growth(100, 121, 2) == 0.1
