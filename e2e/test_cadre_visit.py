"""Issue 26: a street cadre records a visit on a phone, with two problems raised by the workers;
one is solved, and the district's resolution rate moves."""

import pyotp
import pytest

from gonghui.federation.catalogues import ensure_catalogues
from gonghui.federation.models import Problem, ProblemStatus, Visit
from gonghui.federation.selectors import federation_figures
from gonghui.testing import PASSWORD, TOTP_SECRET, build_district

from .logins import staff_login

UNIT = "定海标记甲公司"


def district_login(page, base):
    """The district's account asks for its TOTP code too."""
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", "district")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=totp]", pyotp.TOTP(TOTP_SECRET).now())
    with page.expect_navigation():
        page.click("#login-submit")
    assert "/accounts/login/" not in page.url


def submit(page, selector):
    with page.expect_navigation():
        page.click(f"{selector} button[type=submit]")


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_street_cadre_records_a_visit_with_two_problems_and_solves_one(
    live_server, browser, page, tmp_path
):
    d = build_district()
    ensure_catalogues()
    base = live_server.url

    # The district sees no problem yet.
    district_login(page, base)
    page.goto(base + "/federation/problems/")
    assert page.locator("#solved-rate").inner_text() == "—"

    # The street cadre, on a phone, records the visit.
    phone = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True
    )
    cadre = phone.new_page()
    cadre.set_default_timeout(10_000)
    staff_login(cadre, base, "dinghai_cadre")
    cadre.goto(base + "/federation/visits/")
    with cadre.expect_navigation():
        cadre.click("#visit-new")
    no_sideways_scroll(cadre)
    cadre.fill("input[name=unit]", UNIT)
    cadre.fill("input[name=people_met]", "12")
    cadre.fill("textarea[name=notes]", "午休时间在食堂与职工座谈")
    cadre.fill("input[name=p-0-description]", "标记问题：夜班加班费未按规定计算")
    cadre.fill("input[name=p-0-owner_name]", "王干事")
    cadre.fill("input[name=p-1-description]", "标记问题：职工食堂晚餐供应时间太短")
    cadre.fill("input[name=p-1-owner_name]", "李干事")
    submit(cadre, "#visit-form")
    cadre.screenshot(path=tmp_path / "visit.png", full_page=True)

    visit = Visit.unscoped.get()
    assert cadre.url == f"{base}/federation/visits/{visit.pk}/"
    assert (
        visit.unit == d.units["dinghai_a"]
        and visit.people_met == 12
        and visit.visitor == d.users["dinghai_cadre"]
    )
    rows = cadre.locator("tr.problem-row")
    assert rows.count() == 2 and "办理中" in rows.first.inner_text()
    no_sideways_scroll(cadre)

    # One is solved: the answer is required first.
    with cadre.expect_navigation():
        rows.filter(has_text="夜班加班费").locator("a").click()
    cadre.select_option("select[name=status]", "solved")
    submit(cadre, "#close-form")
    assert "办结问题须填写答复" in cadre.content()
    assert Problem.unscoped.filter(status=ProblemStatus.OPEN).count() == 2
    cadre.fill("textarea[name=answer]", "已与单位协商，补发三个月夜班加班费")
    submit(cadre, "#close-form")
    assert cadre.url == f"{base}/federation/visits/{visit.pk}/"
    assert "已解决" in cadre.locator("tr.problem-row", has_text="夜班加班费").inner_text()
    phone.close()

    # The district's resolution rate has moved, on its page and in the figures.
    page.goto(base + "/federation/problems/")
    assert page.locator("#solved-rate").inner_text() == "50.0%"
    figures = federation_figures(d.root)
    assert (figures["problems"], figures["problems_solved_rate"], figures["visits_workers"]) == (2, 0.5, 12)
    page.screenshot(path=tmp_path / "district.png", full_page=True)
