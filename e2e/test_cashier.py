"""Issue 4: a member shows the e-card on a phone (/cards/my/), a cashier at a partner store types
the short code printed under the QR into the counter page (/cards/cashier/; headless Chromium has
no camera, and the typed code is the supported fallback), sees the masked name and the discount,
records the sale, and the same code is refused the second time. Two browser contexts."""

import datetime
from decimal import ROUND_DOWN, Decimal

import pytest
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.cards import services
from gonghui.cards.models import DiscountRule, Merchant, Sale
from gonghui.members.models import MemberPass
from gonghui.members.passes import CODE_ALPHABET, CODE_LENGTH
from gonghui.testing import build_district

from .logins import member_login, staff_login

PHONE = {"viewport": {"width": 390, "height": 800}, "locale": "zh-CN", "is_mobile": True, "has_touch": True}
AMOUNT = Decimal("88.88")
CENT = Decimal("0.01")


def build_counter(d):
    """A merchant with one store, a discount rule, the persona "cashier" linked to the store and an
    active card for the member "own" (as gonghui/cards/tests/conftest.py builds them)."""
    staff = d.users["district"]
    card = services.card_issue(member=d.members["own"], actor=staff)
    services.card_activate(card=card, actor=staff)
    today = timezone.localdate()
    merchant = services.merchant_create(
        name="标记E2E联华超市",
        category=Merchant.Category.SUPERMARKET,
        agreement_start=today - datetime.timedelta(days=365),
        agreement_end=today + datetime.timedelta(days=365),
        node=d.root,
        actor=staff,
    )
    store = services.store_create(merchant=merchant, name="标记E2E控江路店", actor=staff)
    rule = services.rule_create(
        merchant=merchant,
        name="会员八五折",
        rate=Decimal("0.15"),
        cap=Decimal("20.00"),
        starts_on=today - datetime.timedelta(days=30),
        ends_on=today + datetime.timedelta(days=30),
        actor=staff,
    )
    services.cashier_account_create(user=d.users["cashier"], store=store, actor=staff)
    return merchant, store, rule


def yuan(amount: Decimal) -> str:
    return f"¥{amount:,.2f}"


def masked(name: str) -> str:
    """The surname, stars, and (from three characters on) the last character: 张*海."""
    if len(name) <= 2:
        return name[:1] + "*" * (len(name) - 1)
    return name[0] + "*" * (len(name) - 2) + name[-1]


def expected_discount(amount: Decimal, rule: DiscountRule) -> Decimal:
    """The rule's rate, rounded down to the cent, never above the rule's cap."""
    discount = (amount * rule.rate).quantize(CENT, rounding=ROUND_DOWN)
    return min(discount, rule.cap) if rule.cap is not None else discount


def secrets_in(html: str, member) -> list[str]:
    return [s for s in (member.name, member.id_number, member.phone, member.member_no) if s and s in html]


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_cashier_verifies_the_code_shown_by_the_portal_records_once(
    live_server, browser, flushable_append_only_tables, tmp_path
):
    d = build_district()
    member = d.members["own"]
    merchant, store, rule = build_counter(d)
    base = live_server.url

    phone_ctx, till_ctx = browser.new_context(**PHONE), browser.new_context(**PHONE)
    try:
        phone, till = phone_ctx.new_page(), till_ctx.new_page()
        for page in (phone, till):
            page.set_default_timeout(10_000)

        # The member opens the e-card: a QR and the 10-character code under it, a live unused pass.
        member_login(phone, base, member.phone)
        phone.goto(base + "/cards/my/")
        assert phone.locator("#ecard").is_visible()
        assert phone.locator("#ecard-qr svg").count() == 1
        code = phone.locator("#ecard-code").inner_text().strip()
        assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
        shown = MemberPass.objects.get(code=code)
        assert shown.member_id == member.pk and shown.used_at is None
        assert shown.expires_at > timezone.now()
        phone.screenshot(path=tmp_path / "ecard.png", full_page=True)

        # The cashier logs in and opens the counter of its store.
        staff_login(till, base, "cashier")
        till.goto(base + "/cards/cashier/")
        store_line = till.locator("#cashier-store").inner_text()
        assert merchant.name in store_line and store.name in store_line
        pages = [till.content()]

        # Typing the short code: valid, masked name, the rule's discount; nothing is used yet.
        till.fill("#cashier-code", code)
        till.click("#cashier-verify-button")
        till.wait_for_selector("#cashier-valid")
        assert till.locator("#cashier-verification").get_attribute("data-valid") == "true"
        assert till.locator("#cashier-member").inner_text() == masked(member.name) != member.name
        discount_text = till.locator("#cashier-discount").inner_text()
        assert f"{rule.rate * 100:.0f}%" in discount_text and str(rule.cap) in discount_text
        assert MemberPass.objects.get(code=code).used_at is None
        assert not Sale.unscoped.exists()
        pages.append(till.content())

        # Recording the sale: the discount of the merchant's rule, the pass used up.
        discount = expected_discount(AMOUNT, DiscountRule.unscoped.get(pk=rule.pk))
        till.fill("#cashier-amount", str(AMOUNT))
        till.click("#cashier-record-button")
        till.wait_for_selector("#cashier-sale-done")
        assert till.locator("#cashier-sale-amount").inner_text() == yuan(AMOUNT)
        assert till.locator("#cashier-sale-discount").inner_text() == yuan(discount)
        assert till.locator("#cashier-sale-paid").inner_text() == yuan(AMOUNT - discount)
        sale_number = till.locator("#cashier-sale-number").inner_text()
        assert masked(member.name) in till.locator("#cashier-sale-done").inner_text()
        assert till.input_value("#cashier-code") == ""  # the used code is cleared for the next customer
        assert not till.locator("#cashier-scan-button").is_visible()  # no camera scanning in this browser
        till.screenshot(path=tmp_path / "sale-done.png", full_page=True)
        pages.append(till.content())

        # The same code again: refused, and nothing more is recorded.
        till.fill("#cashier-code", code)
        till.click("#cashier-verify-button")
        till.wait_for_selector("#cashier-invalid, #cashier-error")
        refusal = till.locator("#cashier-invalid, #cashier-error").inner_text()
        assert "已使用" in refusal
        assert till.locator("#cashier-valid").count() == 0 and till.locator("#cashier-amount").count() == 0
        pages.append(till.content())
        till.goto(base + "/cards/cashier/")  # the recent-sales table of the full page
        assert till.locator("#cashier-recent").count() == 1
        pages.append(till.content())

        # The database: one sale for the member, at this store, with the rule's discount.
        sale = Sale.unscoped.get(member=member)
        assert Sale.unscoped.count() == 1
        assert sale_number == sale.number == f"JY{timezone.localdate(sale.created_at).year}{sale.pk:07d}"
        assert (sale.amount, sale.discount, sale.paid) == (AMOUNT, discount, AMOUNT - discount)
        assert (sale.store_id, sale.merchant_id, sale.rule_id) == (store.pk, merchant.pk, rule.pk)
        assert sale.cashier_id == d.users["cashier"].pk
        assert DiscountRule.unscoped.get(pk=rule.pk).used == 1
        used = MemberPass.objects.get(code=code)
        assert used.used_at is not None and used.purpose == "cards.sale"
        assert sale.created_at >= used.created_at
        verifications = AuditRecord.objects.filter(actor=d.users["cashier"], action="cards.verify")
        results = sorted(verifications.values_list("result", flat=True))
        assert results == sorted([AuditRecord.Result.OK, AuditRecord.Result.DENIED])

        # The counter never showed the member's full name, ID number, phone or member number.
        for html in pages:
            assert secrets_in(html, member) == []
    finally:
        phone_ctx.close()
        till_ctx.close()
