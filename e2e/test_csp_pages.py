"""Pages whose scripts the Content-Security-Policy could break: the API docs (Swagger UI from our
static files), the big screen (ECharts) and the member search (posted, the number never in the
URL). The `page` fixture fails a test on any refusal the browser reports."""

import pytest

from gonghui.results.services import screen_link_create
from gonghui.testing import build_district

from .logins import staff_login


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_api_docs_run_under_the_policy(live_server, page):
    build_district()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    staff_login(page, live_server.url, "dinghai_cadre")
    response = page.goto(live_server.url + "/api/docs")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    page.locator(".swagger-ui .opblock").first.wait_for(timeout=60_000)
    assert page.locator(".swagger-ui .opblock").count() > 3 and errors == []


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_the_big_screen_draws_under_the_policy(live_server, page):
    district = build_district()
    token, _ends = screen_link_create(node=district.root, hours=1, actor=district.users["district"])
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    response = page.goto(f"{live_server.url}/screen/{token}/")
    assert response.status == 200 and "script-src 'self'" in response.headers["content-security-policy"]
    page.locator("canvas, svg").first.wait_for(timeout=60_000)
    assert errors == []


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_search_by_id_number_never_shows_the_number_in_the_address_bar(live_server, page):
    district = build_district()
    own = district.members["own"]
    visited: list[str] = []
    page.on("request", lambda r: visited.append(r.url))
    staff_login(page, live_server.url, "dinghai_cadre")
    page.goto(live_server.url + "/members/")
    page.fill("input[name=q]", own.id_number)
    with page.expect_navigation():
        page.press("input[name=q]", "Enter")
    assert "s=" in page.url and own.id_number not in page.url
    assert own.member_no in page.content()
    page.goto(live_server.url + "/members/?status=left")
    page.go_back()  # the back button brings the search back, by its token
    assert own.member_no in page.content() and own.id_number not in page.url
    assert not [url for url in visited if own.id_number in url or own.id_number[-8:] in url]
