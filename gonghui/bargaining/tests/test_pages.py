"""The bargaining lists render in scope: the chair sees their own offers and agreements, the
sibling street's cadre none of them; coverage by street and industry as of a day."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.testing.bargaining import signed

pytestmark = pytest.mark.django_db


def test_lists_and_coverage_in_scope(district):
    agreement = signed(district)
    chair, sibling = Client(), Client()
    chair.force_login(district.users["chair"])
    sibling.force_login(district.users["pingliang_cadre"])
    for name in ("bargaining:offers", "bargaining:agreements", "bargaining:alerts", "bargaining:coverage"):
        assert chair.get(reverse(name)).status_code == 200
        assert agreement.title not in sibling.get(reverse(name)).content.decode()
    assert agreement.title in chair.get(reverse("bargaining:agreements") + "?show=in_force").content.decode()
    page = chair.get(
        reverse("bargaining:coverage") + f"?as_of={timezone.localdate():%Y-%m-%d}"
    ).content.decode()
    assert '<div class="value" id="covered">1</div>' in page and "定海路街道" in page
    assert sibling.get(reverse("bargaining:coverage") + f"?node={district.dinghai.pk}").status_code == 404
    assert chair.get(reverse("bargaining:coverage") + "?as_of=2016-13-40").status_code == 400
    response = chair.post(
        reverse("bargaining:offer_new"),
        {"kind": "contract", "level": "enterprise", "unit": district.units["dinghai_a"].uscc,
         "counterpart": "定海标记甲公司", "sent_on": f"{timezone.localdate():%Y-%m-%d}"},
    )  # fmt: skip
    assert response.status_code == 302
