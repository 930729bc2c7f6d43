"""The demo's first minute: every account printed with its password, the district's TOTP code
on the demo's login page (never outside the demo), and API docs that work offline."""

import datetime
import re
from io import StringIO

import pyotp
import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from gonghui.accounts.models import User
from gonghui.demo.spine import DEMO_PASSWORD
from gonghui.lib.roles import Role

pytestmark = pytest.mark.django_db


def _neighbours(user: User) -> set[str]:
    """The codes of the current 30-second step and the steps either side (a test may straddle one)."""
    totp = pyotp.TOTP(user.totp_secret)
    now = datetime.datetime.now()
    return {totp.at(now + datetime.timedelta(seconds=d)) for d in (-30, 0, 30)}


def test_every_account_is_printed_with_the_password_and_the_current_totp_code(settings):
    seed_output, accounts = StringIO(), StringIO()
    call_command("seed_demo", "--scale", "0.01", "--seed", "11", stdout=seed_output)
    call_command("demo_accounts", stdout=accounts)
    seed_output, printed = seed_output.getvalue(), accounts.getvalue()
    assert f"password {DEMO_PASSWORD}" in printed and f"password {DEMO_PASSWORD}" in seed_output
    listed = set(re.findall(r"^    (\S+) ", printed, re.MULTILINE))
    staff = set(User.objects.exclude(role=Role.MEMBER).values_list("username", flat=True))
    assert listed == staff
    assert {"desk", "venue", "cashier01", "mediator", "court1", "district", "chair"} <= listed
    assert re.search(r"member login: phone 1\d{10}", printed)
    district = User.objects.get(username="district")
    codes = re.findall(r"TOTP code: now (\d{6})", printed)
    assert codes and codes[0] in _neighbours(district)
    # The login page shows the code in the demo only.
    page = Client().get(reverse("accounts:login")).content.decode()
    assert 'id="demo-totp"' not in page
    settings.DEMO = True
    page = Client().get(reverse("accounts:login")).content.decode()
    shown = re.search(r'id="demo-totp">[^<]*district[^<]*?(\d{6})', page)
    assert shown and shown.group(1) in _neighbours(district)


def test_the_api_docs_load_swagger_from_our_static_files(district):
    client = Client()
    client.force_login(district.users["dinghai_cadre"])
    page = client.get("/api/docs").content.decode()
    scripts = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert any(s.endswith("ninja/swagger-ui-bundle.js") for s in scripts)
    assert [s for s in scripts if s.startswith(("http:", "https:", "//"))] == []
