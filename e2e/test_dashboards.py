import pyotp
import pytest

from gonghui.testing import PASSWORD, TOTP_SECRET, build_district


def district_login(page, base: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", "district")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=totp]", pyotp.TOTP(TOTP_SECRET).now())
    with page.expect_navigation(timeout=60_000):
        page.click("#login-submit")
    assert "/accounts/login/" not in page.url


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_district_dashboard_draws_its_charts_and_a_street_bar_opens_that_streets_list(live_server, page):
    district = build_district()
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))

    district_login(page, live_server.url)
    assert page.url.rstrip("/").endswith(f"/dashboard/{district.root.pk}")  # staff start on their dashboard
    # Figures not computed within the page's budget come from the refresh task; the page polls
    # until they are there, then draws its charts again.
    # (A locator, not wait_for_function: its polled string is an eval, which the page's CSP refuses.)
    page.locator("#dash[hx-trigger]").wait_for(state="detached", timeout=120_000)
    subtree = page.locator('.chart[data-chart="subtree"]')
    subtree.locator("svg").first.wait_for()
    assert page.locator(".chart svg").count() >= 10
    assert page.locator('[data-kpi="members"] .value').inner_text().strip() != "—"
    # The middle of 定海路街道's bar, where ECharts drew it, with the chart in view. (A full-page
    # screenshot before this would resize the window, and the charts redraw on a later event.)
    subtree.scroll_into_view_if_needed()
    x, y = subtree.evaluate(
        """box => {
            const option = box.chart.getOption();
            const horizontal = Boolean(option.yAxis[0].data);
            const i = (horizontal ? option.yAxis[0] : option.xAxis[0]).data.indexOf("定海路街道");
            const value = option.series[0].data[i];
            const middle = horizontal ? [value / 2, i] : [i, value / 2];
            const at = box.chart.convertToPixel({seriesIndex: 0}, middle);
            const body = box.querySelector(".chart-body").getBoundingClientRect();
            return [body.left + at[0], body.top + at[1]];
        }"""
    )
    hit = page.evaluate(
        "([x, y]) => document.elementFromPoint(x, y).closest('.chart')?.dataset.chart", [x, y]
    )
    assert hit == "subtree", (x, y, hit)
    with page.expect_navigation(timeout=60_000):
        page.mouse.click(x, y)
    assert "/members/" in page.url and f"node={district.dinghai.pk}" in page.url
    listed = page.locator("table tbody").inner_text()
    assert "张定海" in listed and "孙平凉" not in listed
    assert problems == [] and outside == []
