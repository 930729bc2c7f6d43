"""Issue 24: a team's reporter reports the period's progress on a phone, the organizer confirms
it with the judged scores, the public progress wall (no login) moves, and at the period's close
the rolling red flag changes hands."""

from decimal import Decimal

import pyotp
import pytest

from gonghui.accounts.models import User
from gonghui.competitions import services
from gonghui.competitions.models import ProgressReport, RedFlag
from gonghui.testing import PASSWORD, TOTP_SECRET, build_district
from gonghui.testing.competitions import Contest

from .logins import member_login

PHONE = {"viewport": {"width": 390, "height": 800}, "locale": "zh-CN", "is_mobile": True, "has_touch": True}
DESK = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}


def organizer_login(page, base: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", "district")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=totp]", pyotp.TOTP(TOTP_SECRET).now())
    with page.expect_navigation():
        page.click("#login-submit")
    assert "/accounts/login/" not in page.url


def row(wall, team):
    return wall.locator(f".wall-row[data-team='{team.pk}']")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_report_on_a_phone_confirm_the_wall_moves_and_the_flag_changes_hands(
    live_server, browser, flushable_append_only_tables, tmp_path
):
    d = build_district()
    world = Contest(d)
    base = live_server.url
    b_reporter = User.objects.create(username="reporter_b", role="member", member=d.members["subtree"])
    # Period 1 is over: team B led and holds the flag.
    first = world.open()
    world.confirm(world.report(world.team_b, "20", b_reporter))
    world.confirm(world.report(world.team_a, "8", d.users["member"]))
    (flag,) = services.round_close(round=first, actor=world.organizer)
    assert flag.team == world.team_b
    second = world.open()
    world.confirm(world.report(world.team_b, "22", b_reporter), quality="70", safety="80")
    wall_url = f"{base}/competitions/wall/{world.competition.pk}/"

    phone, desk, public = (
        browser.new_context(**PHONE),
        browser.new_context(**DESK),
        browser.new_context(**PHONE),
    )
    try:
        reporter, organizer, wall = phone.new_page(), desk.new_page(), public.new_page()
        for page in (reporter, organizer, wall):
            page.set_default_timeout(10_000)

        # The public wall, with no login: B holds the flag; A shows its confirmed 8 of 120.
        wall.goto(wall_url)
        assert row(wall, world.team_b).get_attribute("data-flag") == "1"
        assert row(wall, world.team_a).get_attribute("data-flag") == "0"
        assert "8.00 / 120.00户" in row(wall, world.team_a).inner_text()
        ratio_before = Decimal(row(wall, world.team_a).get_attribute("data-ratio"))
        assert wall.evaluate("document.documentElement.scrollWidth") <= 390

        # A's reporter signs in on the phone and reports 40 households, from the team's page.
        member_login(reporter, base, d.members["own"].phone)
        reporter.goto(base + "/competitions/m/")
        assert reporter.locator(".card", has_text=world.team_b.name).count() == 0  # only their own team
        with reporter.expect_navigation():
            reporter.click(f"a[href='/competitions/m/teams/{world.team_a.pk}/']")
        reporter.fill("input[name=actual]", "40")
        reporter.fill("textarea[name=note]", "本月新签约32户")
        with reporter.expect_navigation():
            reporter.click("#report-submit")
        assert "进度已上报" in reporter.locator(".messages").inner_text()
        assert reporter.locator("#my-report").get_attribute("data-status") == "submitted"
        assert reporter.evaluate("document.documentElement.scrollWidth") <= 390
        report = ProgressReport.unscoped.get(team=world.team_a, round=second)
        assert report.actual == Decimal("40.00") and report.status == ProgressReport.Status.SUBMITTED
        reporter.screenshot(path=tmp_path / "reported.png", full_page=True)

        # Not on the wall before the organizer's check.
        wall.reload()
        assert Decimal(row(wall, world.team_a).get_attribute("data-ratio")) == ratio_before

        # The organizer confirms it with the judged scores.
        organizer_login(organizer, base)
        organizer.goto(f"{base}/competitions/{world.competition.pk}/")
        with organizer.expect_navigation():
            organizer.click(f"#pending a[href='/competitions/reports/{report.pk}/']")
        organizer.select_option("select[name=decision]", "confirm")
        organizer.fill(f"input[name=ind_{world.quality.pk}]", "95")
        organizer.fill(f"input[name=ind_{world.safety.pk}]", "100")
        with organizer.expect_navigation():
            organizer.click("#check-submit")
        assert "进度已确认" in organizer.locator(".messages").inner_text()
        report.refresh_from_db()
        assert report.status == ProgressReport.Status.CONFIRMED and report.score is not None

        # The wall moves: A's bar and score are the confirmed ones; the flag has not moved yet.
        wall.reload()
        a_row = row(wall, world.team_a)
        assert Decimal(a_row.get_attribute("data-ratio")) > ratio_before
        assert "40.00 / 120.00户" in a_row.inner_text() and str(report.score) in a_row.inner_text()
        assert row(wall, world.team_b).get_attribute("data-flag") == "1"

        # The period closes: the flag passes to A, and the history keeps both holders.
        with organizer.expect_navigation():
            organizer.click("#close-round")
        assert world.team_a.name in organizer.locator(".messages").inner_text()
        wall.reload()
        assert row(wall, world.team_a).get_attribute("data-flag") == "1"
        assert row(wall, world.team_b).get_attribute("data-flag") == "0"
        history = wall.locator("#flag-history tbody tr")
        assert history.count() == 2 and world.team_a.name in history.nth(0).inner_text()
        assert list(RedFlag.unscoped.order_by("round__number").values_list("team_id", flat=True)) == [
            world.team_b.pk,
            world.team_a.pk,
        ]
        for person in d.members.values():  # the wall names teams, never people
            assert person.name not in wall.content()
        wall.screenshot(path=tmp_path / "wall.png", full_page=True)
    finally:
        for context in (phone, desk, public):
            context.close()
