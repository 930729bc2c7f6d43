"""SMS pumping: a question before any code is sent, and daily budgets per number, per IP and in
all, exact under parallel requests, with an alert when one is reached."""

import datetime
import logging

import pytest
from django.test import Client
from django.utils import timezone

from gonghui.accounts.models import OneTimeCode, SmsBudget
from gonghui.accounts.services import LoginRefused, sms_code_send
from gonghui.accounts.sms import MemoryGateway
from gonghui.audit.context import AuditContext
from gonghui.audit.models import AuditRecord
from gonghui.testing import make_phone, run_together
from gonghui.testing.challenge import challenge_answer

LOGIN = "/m/login/"


def ask(client: Client, phone: str, answer: str | None = None) -> str:
    page = client.get(LOGIN).content.decode()
    data = {"phone": phone, "answer": challenge_answer(page) if answer is None else answer}
    return client.post(LOGIN, data).content.decode()


def strip_volatile(html: str) -> str:
    """The page without its CSRF token, its nonce and its question, which differ per request."""
    import re

    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    html = re.sub(r'nonce="[^"]*"', "", html)
    return re.sub(r'id="sms-question">[^<]*<', "", html)


@pytest.mark.django_db
def test_no_code_goes_out_without_the_right_answer_and_the_reply_never_tells_a_member_apart(district):
    member_phone, stranger = district.members["own"].phone, make_phone(9001)
    replies = {}
    for phone in (member_phone, stranger):
        client = Client(REMOTE_ADDR="10.0.0.1")
        missing = ask(client, phone, answer="")
        wrong = ask(client, phone, answer="1000")
        assert "计算结果不正确" in missing and "计算结果不正确" in wrong
        replies[phone] = strip_volatile(wrong).replace(phone, "PHONE")
    assert MemoryGateway.outbox == []
    assert replies[member_phone] == replies[stranger]
    for phone in (member_phone, stranger):
        assert "验证码已发送" in ask(Client(), phone)
    assert [to for to, _text in MemoryGateway.outbox] == [member_phone, stranger]


@pytest.mark.django_db
def test_an_answer_is_good_for_one_code_only(district):
    client = Client()
    page = client.get(LOGIN).content.decode()
    answer = challenge_answer(page)
    client.post(LOGIN, {"phone": make_phone(9002), "answer": answer})
    again = client.post(LOGIN, {"phone": make_phone(9003), "answer": answer}).content.decode()
    assert "计算结果不正确" in again and len(MemoryGateway.outbox) == 1


def a_minute_later() -> None:
    OneTimeCode.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=2))


@pytest.mark.django_db
def test_a_number_past_its_daily_budget_gets_no_code_and_raises_one_alert(district, settings, caplog):
    settings.SMS_DAILY_PER_PHONE = 2
    phone = make_phone(9004)
    for _ in range(2):
        assert "验证码已发送" in ask(Client(), phone)
        a_minute_later()
    with caplog.at_level(logging.WARNING, logger="gonghui.security"):
        refused = ask(Client(), phone)
        a_minute_later()
        ask(Client(), phone)
    assert "该手机号今日获取验证码的次数已达上限" in refused and len(MemoryGateway.outbox) == 2
    [alert] = AuditRecord.objects.filter(action="login.sms.budget")
    assert alert.result == "denied" and alert.detail["budget"] == "phone"
    assert [r.levelname for r in caplog.records if r.name == "gonghui.security"] == ["WARNING"]
    assert phone not in caplog.text


@pytest.mark.django_db
def test_an_ip_and_the_whole_day_have_budgets_too(district, settings, caplog):
    settings.SMS_DAILY_PER_IP = 3
    client = Client(REMOTE_ADDR="10.0.0.9")
    replies = [ask(client, make_phone(9100 + n)) for n in range(4)]
    assert "您所在的网络今日获取验证码的次数过多" in replies[-1] and len(MemoryGateway.outbox) == 3
    settings.SMS_DAILY_TOTAL = 5
    with caplog.at_level(logging.WARNING, logger="gonghui.security"):
        replies = [ask(Client(REMOTE_ADDR=f"10.0.1.{n}"), make_phone(9200 + n)) for n in range(4)]
    assert "今日短信验证码发送量已达上限" in replies[-1] and len(MemoryGateway.outbox) == 5
    assert sorted(
        AuditRecord.objects.filter(action="login.sms.budget").values_list("detail__budget", flat=True)
    ) == [
        "all",
        "ip",
    ]
    assert "ERROR" in [r.levelname for r in caplog.records if r.name == "gonghui.security"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("budget", ["all", "ip"])
def test_fifty_parallel_sends_send_exactly_the_budget(settings, budget):
    settings.SMS_DAILY_TOTAL = 10 if budget == "all" else 1000
    settings.SMS_DAILY_PER_IP = 7 if budget == "ip" else 1000
    limit = 10 if budget == "all" else 7

    def send(i: int) -> str:
        ip = f"10.2.{i // 200}.{i % 200}" if budget == "all" else "10.3.0.1"
        sms_code_send(audit=AuditContext(ip=ip), phone=make_phone(9300 + i))
        return "sent"

    results = run_together(send, 50, refused=(LoginRefused,))
    assert results.count("sent") == limit and len(MemoryGateway.outbox) == limit
    assert SmsBudget.objects.get(key="all" if budget == "all" else "ip:10.3.0.1").count == limit
    assert AuditRecord.objects.filter(action="login.sms.budget").count() == 1
