"""On a phone: the staff navigation folds into a menu, and an empty required field gets its
message in the page, in Chinese, beside the field (not only the browser's tooltip); what was
typed elsewhere stays."""

import pytest
from django.test import Client

from gonghui.cards.models import Claim
from gonghui.testing import build_district

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "zh-CN"}


def signed_in(browser, user, base):
    context = browser.new_context(**PHONE)
    client = Client()
    client.force_login(user)
    context.add_cookies([{"name": k, "value": v.value, "url": base} for k, v in client.cookies.items()])
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_staff_navigation_is_a_menu_on_a_phone(live_server, browser, flushable_append_only_tables):
    d = build_district()
    context, page = signed_in(browser, d.users["dinghai_cadre"], live_server.url)
    try:
        page.goto(live_server.url + "/members/")
        members_link = page.locator("nav.links a", has_text="会员").first
        assert not members_link.is_visible()
        header = page.locator("header.top").bounding_box()
        assert header["height"] < 80  # one row: the brand and the menu button
        page.click("label.nav-button")
        assert members_link.is_visible()
        with page.expect_navigation():
            page.locator("nav.links a", has_text="调解").click()
        assert page.url.endswith("/disputes/")
    finally:
        context.close()


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_an_empty_required_field_is_named_in_the_page(live_server, browser, flushable_append_only_tables):
    d = build_district()
    context, page = signed_in(browser, d.users["member"], live_server.url)
    try:
        page.goto(live_server.url + "/cards/my/claims/new/")
        page.fill("#id_amount_requested", "1200")
        page.click("main form button[type=submit]")  # not the header's language switch
        note = page.locator(".field:has(#id_occurred_on) .field-error")
        note.wait_for()
        assert note.inner_text() == "请填写此项。"
        assert page.evaluate("document.activeElement.id") == "id_occurred_on"
        assert page.input_value("#id_amount_requested") == "1200"
        assert "/cards/my/claims/new/" in page.url and not Claim.unscoped.exists()
        page.fill("#id_occurred_on", "2026-01-05")
        assert note.inner_text() == ""
    finally:
        context.close()
