"""Issue 25: a street cadre at a delivery site of the summer cooling campaign types the code the
member's e-card shows (headless Chromium has no camera; the short code printed under the QR is the
supported fallback), sees the masked name, records the delivery, and a second scan of the same
member (a fresh code from the e-card) is refused with the reason. Two phones, two contexts."""

import pytest
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.cards import services as cards
from gonghui.care.models import Delivery
from gonghui.members.models import MemberPass
from gonghui.testing import build_district
from gonghui.testing.care import Care

from .logins import member_login, staff_login

PHONE = {"viewport": {"width": 390, "height": 800}, "locale": "zh-CN", "is_mobile": True, "has_touch": True}


def show_ecard(page, base) -> str:
    page.goto(base + "/cards/my/")
    code = page.locator("#ecard-code").inner_text().strip()
    assert MemberPass.objects.get(code=code).used_at is None
    return code


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_street_cadre_records_the_cooling_delivery_once_per_member(
    live_server, browser, flushable_append_only_tables, settings, tmp_path
):
    settings.CARE_DOCUMENT_DIR = tmp_path / "care"
    d = build_district()
    member = d.members["own"]
    card = cards.card_issue(member=member, actor=d.users["district"])
    cards.card_activate(card=card, actor=d.users["district"])
    care = Care(d)
    campaign = care.campaign(d.dinghai)  # 送清凉 for the street's members, approved by a second person
    site = care.site(campaign, d.dinghai_union)
    base = live_server.url

    phone_ctx, cadre_ctx = browser.new_context(**PHONE), browser.new_context(**PHONE)
    try:
        phone, cadre = phone_ctx.new_page(), cadre_ctx.new_page()
        for page in (phone, cadre):
            page.set_default_timeout(10_000)
        member_login(phone, base, member.phone)
        staff_login(cadre, base, "dinghai_cadre")

        # The cadre finds today's site on the phone.
        cadre.goto(base + "/care/sites/")
        with cadre.expect_navigation():
            cadre.click(f"a[href='/care/sites/{site.pk}/']")
        assert campaign.name in cadre.locator("#site").inner_text()
        assert cadre.locator("#site-served").inner_text() == "0"
        assert no_horizontal_scroll(cadre)
        pages = [cadre.content()]

        # The member shows the e-card; the cadre scans it: on the list, masked name, nothing used yet.
        code = show_ecard(phone, base)
        cadre.fill("#site-code", code)
        cadre.click("#site-verify-button")
        cadre.wait_for_selector("#site-valid")
        assert cadre.locator("#site-member").inner_text() == "张*海"
        assert MemberPass.objects.get(code=code).used_at is None and not Delivery.unscoped.exists()
        pages.append(cadre.content())

        # One tap records the delivery: the pass is used, the person signed for it by name.
        cadre.click("#site-deliver-button")
        cadre.wait_for_selector("#site-done")
        assert "张*海" in cadre.locator("#site-done").inner_text()
        assert cadre.input_value("#site-code") == ""  # cleared for the next worker
        assert cadre.locator("#site-served").inner_text() == "1"  # the count follows without a reload
        delivery = Delivery.unscoped.get()
        assert (delivery.member_id, delivery.site_id, delivery.campaign_id) == (
            member.pk,
            site.pk,
            campaign.pk,
        )
        assert delivery.receipt == "pass" and delivery.value == campaign.unit_value
        assert delivery.delivered_by_id == d.users["dinghai_cadre"].pk
        assert MemberPass.objects.get(code=code).purpose == "care.delivery"
        cadre.screenshot(path=tmp_path / "delivered.png", full_page=True)
        pages.append(cadre.content())

        # The same member comes again with a fresh code: refused with the reason, nothing recorded.
        again = show_ecard(phone, base)
        assert again != code
        cadre.fill("#site-code", again)
        cadre.click("#site-verify-button")
        cadre.wait_for_selector("#site-invalid")
        refusal = cadre.locator("#site-invalid").inner_text()
        when = timezone.localtime(delivery.delivered_at).strftime("%Y-%m-%d %H:%M")
        assert "同一活动每人限领一次" in refusal and site.name in refusal and when in refusal
        assert cadre.locator("#site-deliver-button").count() == 0
        assert MemberPass.objects.get(code=again).used_at is None
        assert Delivery.unscoped.count() == 1
        cadre.screenshot(path=tmp_path / "refused.png", full_page=True)
        pages.append(cadre.content())

        # The site page counts one, and the audit log has the scan that was refused.
        cadre.reload()
        assert cadre.locator("#site-served").inner_text() == "1"
        results = AuditRecord.objects.filter(action="care.delivery.verify").values_list("result", flat=True)
        assert sorted(results) == sorted([AuditRecord.Result.OK, AuditRecord.Result.DENIED])
        for html in [*pages, cadre.content()]:
            assert member.name not in html and member.phone not in html and member.id_number not in html
    finally:
        phone_ctx.close()
        cadre_ctx.close()
