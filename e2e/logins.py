"""Logging in as a person does it, for the browser tests."""

import re

from gonghui.accounts.sms import MemoryGateway
from gonghui.testing import PASSWORD
from gonghui.testing.challenge import challenge_answer


def member_login(page, base: str, phone: str, asked: str = "/m/login/") -> None:
    """Phone, then the SMS code the gateway was asked to send. `asked` is the page the member
    opens first: a member page sends a signed-out member to the login, and the login back to it."""
    page.goto(base + asked)
    page.fill("input[name=phone]", phone)
    page.fill("input[name=answer]", challenge_answer(page.content()))
    with page.expect_navigation():
        page.click("form:has(input[name=phone]) button[type=submit]")
    sent_to, text = MemoryGateway.outbox[-1]
    assert sent_to == phone
    page.fill("input[name=code]", re.search(r"\d{6}", text).group(0))
    with page.expect_navigation():
        page.click("form:has(input[name=code]) button[type=submit]")
    assert "/m/login/" not in page.url
    if asked != "/m/login/":
        assert page.url == base + asked


def staff_login(page, base: str, username: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("#login-submit")  # not "form button": the header's language switch is a form too
    assert "/accounts/login/" not in page.url
