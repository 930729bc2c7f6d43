import pytest

from gonghui.results.kpis import live_figures
from gonghui.testing import build_district

from .logins import staff_login


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_street_cadre_searches_a_member_and_reads_a_kpi(live_server, page, tmp_path):
    district = build_district()
    own, sibling = district.members["own"], district.members["sibling"]
    id_numbers = [m.id_number for m in district.members.values()]

    staff_login(page, live_server.url, "dinghai_cadre")

    page.goto(live_server.url + "/members/")
    page.fill("input[name=q]", own.name)
    with page.expect_navigation():
        page.press("input[name=q]", "Enter")
    rows = page.locator("table tbody tr")
    assert rows.filter(has_text=own.name).count() == 1
    assert own.member_no in rows.first.inner_text()
    html = page.content()
    assert sibling.name not in html
    assert not [n for n in id_numbers if n in html]

    page.goto(f"{live_server.url}/kpis/{district.dinghai.pk}/")
    shown = page.locator('[data-kpi="members"]').inner_text().strip()
    assert int(shown.replace(",", "")) == live_figures(district.dinghai)["members"]
    html = page.content()
    assert district.dinghai.name in html
    assert not [n for n in id_numbers if n in html]
    page.screenshot(path=tmp_path / "kpis.png", full_page=True)
