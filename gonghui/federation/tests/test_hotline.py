"""12351 work orders: routing and deadlines by category, answer and follow-up, the figures, the
caller's account encrypted and its reads audited, and a dispute handed to mediation by one click."""

from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.federation import services
from gonghui.federation.models import HotlineCategory, OrderStatus, WorkOrder
from gonghui.federation.selectors import federation_figures
from gonghui.lib.workdays import add_working_days

pytestmark = pytest.mark.django_db


def test_orders_are_routed_by_category_with_its_deadline(district, fed):
    wages = fed.order(district.units["dinghai_a"], code="0101")
    assert wages.routed_to == district.dinghai and wages.path == district.dinghai.path
    assert wages.due_on == add_working_days(timezone.localdate(), 7)
    assert wages.number.startswith(f"12351-{timezone.localdate():%Y%m%d}-")
    card = fed.order(district.units["dinghai_a"], code="0203")
    assert card.routed_to == district.root and card.number != wages.number
    with pytest.raises(services.FederationError, match="二级"):
        services.order_register(
            channel="call",
            category=HotlineCategory.objects.get(code="01"),
            caller_name="",
            caller_phone="",
            content="x",
            unit=None,
            actor=fed.staff,
        )


def test_answer_follow_up_and_the_figures(district, fed):
    order = fed.order(district.units["dinghai_a"])
    with pytest.raises(services.FederationError):
        services.order_follow_up(order=order, satisfaction=5, actor=fed.staff)
    services.order_answer(order=order, answer="已协调单位补发", actor=fed.staff)
    services.order_follow_up(order=order, satisfaction=4, actor=fed.staff)
    assert WorkOrder.unscoped.get(pk=order.pk).status == OrderStatus.CLOSED
    figures = federation_figures(district.root)
    assert figures["hotline_orders"] == 1
    assert figures["hotline_answered_in_time_rate"] == 1.0 and figures["hotline_satisfaction"] == 4.0


def test_the_callers_account_is_encrypted_and_every_read_audited(client, district, fed):
    order = fed.order(district.units["dinghai_a"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT content, caller_phone FROM federation_workorder WHERE id = %s", [order.pk])
        content, phone = cursor.fetchone()
    assert "标记诉求" not in content and "13912340001" not in phone
    client.force_login(district.users["dinghai_cadre"])
    page = client.get(reverse("federation:order", args=[order.pk])).content.decode()
    assert "标记诉求" in page and "13912340001" not in page and "139****0001" in page
    assert AuditRecord.objects.filter(action="federation.order.read", object_id=str(order.pk)).count() == 1
    listing = client.get(reverse("federation:orders")).content.decode()
    assert order.number in listing and "标记诉求" not in listing


def test_a_dispute_becomes_a_mediation_case_with_one_click_keeping_the_link(client, district, fed):
    order = fed.order(district.units["dinghai_a"], code="0101")
    client.force_login(district.users["dinghai_cadre"])
    response = client.post(reverse("federation:order_mediation", args=[order.pk]))
    assert response.status_code == 302
    url = urlparse(response["Location"])
    assert url.path == reverse("disputes:case-new")
    query = {k: v[0] for k, v in parse_qs(url.query).items()}
    assert query["hotline_order_no"] == order.number and query["channel"] == "hotline"
    assert query["unit"] == district.units["dinghai_a"].uscc and query["category"] == "wages"
    order.refresh_from_db()
    assert (order.status, order.mediation_ref) == (OrderStatus.MEDIATION, order.number)
    form = client.get(response["Location"]).content.decode()  # the mediation form comes filled in
    assert order.number in form and district.units["dinghai_a"].uscc in form
    advice = fed.order(district.units["dinghai_a"], code="0401")
    client.post(reverse("federation:order_mediation", args=[advice.pk]))
    assert WorkOrder.unscoped.get(pk=advice.pk).status == OrderStatus.OPEN  # not a dispute
