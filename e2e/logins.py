"""Logging in as a person does it, for the browser tests."""

import re

from gonghui.accounts.sms import MemoryGateway
from gonghui.testing import PASSWORD


def member_login(page, base: str, phone: str) -> None:
    """Phone, then the SMS code the gateway was asked to send."""
    page.goto(base + "/m/login/")
    page.fill("input[name=phone]", phone)
    with page.expect_navigation():
        page.click("form:has(input[name=phone]) button[type=submit]")
    sent_to, text = MemoryGateway.outbox[-1]
    assert sent_to == phone
    page.fill("input[name=code]", re.search(r"\d{6}", text).group(0))
    with page.expect_navigation():
        page.click("form:has(input[name=code]) button[type=submit]")
    assert "/m/login/" not in page.url


def staff_login(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("#login-submit")  # not "form button": the header's language switch is a form too
    assert "/accounts/login/" not in page.url
