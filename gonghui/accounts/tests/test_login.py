"""AN-1 staff login with TOTP and throttling; AN-2 member SMS codes."""

import datetime
import re

import pyotp
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.accounts.models import LoginThrottle, OneTimeCode
from gonghui.accounts.sms import MemoryGateway
from gonghui.audit.models import AuditRecord
from gonghui.testing import PASSWORD, TOTP_SECRET
from gonghui.testing.challenge import challenge_answer

pytestmark = pytest.mark.django_db


def staff_post(client, username, password=PASSWORD, totp=""):
    return client.post(reverse("accounts:login"), {"username": username, "password": password, "totp": totp})


def test_a_street_cadre_logs_in_with_a_password(district):
    client = Client()
    assert staff_post(client, "dinghai_cadre").status_code == 302
    assert client.get(reverse("members:list")).status_code == 200
    assert AuditRecord.objects.filter(
        action="login.staff", result="ok", actor=district.users["dinghai_cadre"]
    ).exists()


def test_district_staff_need_a_totp_code(district):
    client = Client()
    assert staff_post(client, "district").status_code == 200
    assert client.get(reverse("members:list")).status_code == 302
    assert staff_post(client, "district", totp=pyotp.TOTP(TOTP_SECRET).now()).status_code == 302
    assert client.get(reverse("members:list")).status_code == 200


def test_repeated_failures_lock_for_a_while_then_release(district):
    client = Client()
    for _ in range(5):
        staff_post(client, "chair", password="wrong")
    response = staff_post(client, "chair")  # the right password, but locked now
    assert "分钟后再试" in response.content.decode()
    assert client.get(reverse("members:list")).status_code == 302
    assert AuditRecord.objects.filter(action="login.staff", result="denied").count() == 5
    LoginThrottle.objects.update(locked_until=timezone.now() - datetime.timedelta(seconds=1))
    assert staff_post(client, "chair").status_code == 302  # never a permanent lock-out


def test_failures_from_one_ip_slow_down_every_account(district):
    client = Client()
    for username in ("a", "b", "c", "d", "e"):
        staff_post(client, username, password="wrong")
    assert "分钟后再试" in staff_post(client, "chair").content.decode()


def ask_code(client, phone, login_page=None):
    """The phone and the answer to the sum the login page asks, as a person sends them."""
    page = client.get(login_page or reverse("portal:login")).content.decode()
    return client.post(
        login_page or reverse("portal:login"), {"phone": phone, "answer": challenge_answer(page)}
    )


def sms_login(client, phone, login_page=None):
    ask_code(client, phone, login_page)
    _phone, text = MemoryGateway.outbox[-1]
    return re.search(r"\d{6}", text).group(0)


def test_a_member_logs_in_with_an_sms_code_once(district):
    phone = district.members["own"].phone
    client = Client()
    code = sms_login(client, phone)
    assert client.post(reverse("portal:login"), {"phone": phone, "code": code}).status_code == 302
    assert district.members["own"].member_no in client.get(reverse("portal:home")).content.decode()
    replay = Client().post(reverse("portal:login"), {"phone": phone, "code": code})
    assert replay.status_code == 200 and "验证码不正确或已过期" in replay.content.decode()


def test_codes_expire_after_ten_minutes(district):
    phone = district.members["own"].phone
    client = Client()
    code = sms_login(client, phone)
    OneTimeCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert client.post(reverse("portal:login"), {"phone": phone, "code": code}).status_code == 200


def test_codes_are_rate_limited_per_phone_and_guessing_is_capped(district):
    phone = district.members["own"].phone
    client = Client()
    code = sms_login(client, phone)
    ask_code(client, phone)
    assert len(MemoryGateway.outbox) == 1  # a second code within 60 s is refused
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    for _ in range(5):
        client.post(reverse("portal:login"), {"phone": phone, "code": wrong})
    assert client.post(reverse("portal:login"), {"phone": phone, "code": code}).status_code == 200


def test_codes_are_rate_limited_per_ip(district):
    client = Client()
    for n in range(21):
        ask_code(client, f"1370000{n:04d}")
    assert len(MemoryGateway.outbox) == 20


def test_sessions_end_after_the_absolute_lifetime(district, settings):
    client = Client()
    staff_post(client, "chair")
    session = client.session
    session["login_at"] -= settings.SESSION_ABSOLUTE_SECONDS + 1
    session.save()
    assert client.get(reverse("members:list")).status_code == 302


def test_an_active_session_is_renewed_at_most_once_a_minute(district, settings):
    client = Client()
    staff_post(client, "chair")
    first = client.get(reverse("members:list"))
    assert first.status_code == 200
    assert "sessionid" not in first.cookies  # renewed a moment ago, at login: nothing written
    session = client.session
    session["renewed_at"] -= settings.SESSION_RENEW_SECONDS
    session.save()
    renewed = client.get(reverse("members:list"))
    assert renewed.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert client.session["renewed_at"] > session["renewed_at"]


def test_an_idle_session_ends(district):
    from django.contrib.sessions.models import Session

    client = Client()
    staff_post(client, "chair")
    Session.objects.filter(session_key=client.cookies["sessionid"].value).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert client.get(reverse("members:list")).status_code == 302


def test_operators_changing_a_role_in_the_admin_is_audited(district):
    from django.contrib.auth.hashers import make_password

    from gonghui.accounts.models import User

    User.objects.create(username="ops", is_staff=True, is_superuser=True, password=make_password(PASSWORD))
    client = Client()
    client.force_login(User.objects.get(username="ops"))
    cadre = district.users["dinghai_cadre"]
    url = reverse("admin:accounts_user_change", args=[cadre.pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list | tuple)}
    data.update(
        role="grassroots_chair",
        node=district.dinghai_union.pk,
        member="",
        date_joined_0="2026-01-01",
        date_joined_1="00:00:00",
        last_login_0="",
        last_login_1="",
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    cadre.refresh_from_db()
    assert cadre.role == "grassroots_chair"
    record = AuditRecord.objects.get(action="account.permissions", object_id=str(cadre.pk))
    assert "role" in record.detail["fields"] and "node" in record.detail["fields"]


def test_a_member_sent_to_log_in_comes_back_to_the_page_asked_for(district):
    phone, asked = district.members["own"].phone, reverse("portal:join")
    client = Client()
    sent = client.get(asked)
    assert sent.status_code == 302 and sent["Location"].startswith(reverse("portal:login"))
    login_page = sent["Location"]  # its forms post to their own URL, ?next= included
    code = sms_login(client, phone, login_page)
    back = client.post(login_page, {"phone": phone, "code": code})
    assert back.status_code == 302 and back["Location"] == asked


def test_a_member_login_never_sends_to_another_site(district):
    phone = district.members["own"].phone
    client = Client()
    code = sms_login(client, phone)
    away = client.post(
        reverse("portal:login") + "?next=https://evil.example/", {"phone": phone, "code": code}
    )
    assert away.status_code == 302 and away["Location"] == reverse("portal:home")


def test_a_totp_code_logs_in_once_only(district):
    code = pyotp.TOTP(TOTP_SECRET).now()
    assert staff_post(Client(), "district", totp=code).status_code == 302
    replay = staff_post(Client(), "district", totp=code)
    assert replay.status_code == 200 and "动态口令不正确" in replay.content.decode()
