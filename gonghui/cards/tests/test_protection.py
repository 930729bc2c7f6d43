"""The yearly enrolment (set-based, idempotent), the premium ledger and the insurer's export."""

from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.audit.models import AuditRecord
from gonghui.cards import services, tasks
from gonghui.cards.exports import safe_cell
from gonghui.cards.models import Card, Enrolment, PlanYear
from gonghui.cards.selectors import cards_figures
from gonghui.lib.figures import Period
from gonghui.members.models import Member

from .helpers import client_for

pytestmark = pytest.mark.django_db


def test_enrolment_takes_every_active_holder_once(world):
    plan = world.plan
    assert Enrolment.unscoped.filter(plan_year=plan).count() == 4
    assert services.plan_year_enrol(plan=plan) == 0  # idempotent
    services.card_suspend(card=world.cards["colleague"], actor=None)
    extra = services.card_activate(
        card=services.card_issue(member=world.d.members["sibling2"], actor=None), actor=None
    )
    assert extra.status == Card.Status.ACTIVE
    assert tasks.enrol_plan_year.call(plan_id=plan.pk) == 1
    assert Enrolment.unscoped.filter(plan_year=plan).count() == 5
    assert AuditRecord.objects.filter(action="cards.plan.enrol").count() == 3


def test_premiums_are_configurable_per_year_and_summed_exactly(world):
    plan = services.plan_year_save(
        year=world.plan.year + 1, district_premium=Decimal("15.50"), city_premium="12.00", actor=None
    )
    services.plan_year_enrol(plan=plan)
    figures = cards_figures(world.d.root, Period.year(plan.year))
    assert figures["enrolled"] == 4
    assert figures["premiums_district"] == "62.00" and figures["premiums_city"] == "48.00"
    assert figures["premiums_paid"] == "110.00"
    assert cards_figures(world.d.root)["premiums_paid"] == "206.00"


def test_the_current_year_task_opens_the_plan_with_last_years_premiums(world):
    PlanYear.objects.filter(pk=world.plan.pk).update(year=world.plan.year - 1, city_premium=Decimal("13.00"))
    assert tasks.enrol_current_year.call() == 4
    plan = PlanYear.objects.get(year=world.plan.year)
    assert plan.city_premium == Decimal("13.00") and plan.district_premium == Decimal("12.00")
    assert tasks.enrol_current_year.call() == 0


def test_the_insurer_export_is_streamed_masked_formula_safe_and_scoped(world):
    Member.unscoped.filter(pk=world.d.members["own"].pk).update(name="=HYPERLINK(1)")
    client = client_for(world.d.users["dinghai_cadre"])
    response = client.get(reverse("cards:plan-export", args=[world.plan.pk]))
    assert response.status_code == 200 and response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.strip().splitlines()
    assert len(lines) == 1 + 3  # own, colleague, subtree; not the sibling street
    assert "'=*" in text and "=HYPERLINK" not in text
    for member in Member.unscoped.all():
        assert member.id_number not in text and member.phone not in text
    assert "孙平凉" not in text and "孙*凉" not in text
    audit = AuditRecord.objects.get(action="cards.enrolment.export")
    assert audit.detail["rows"] == 3


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_risky_cells_are_prefixed(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("张三") == "张三" and safe_cell(12) == "12"
