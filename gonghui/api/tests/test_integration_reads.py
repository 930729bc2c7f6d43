"""What an integrator reads with a token: a member's bookings, cases' status and the KPIs, each
scoped by the token's node like a staff account of it; bounded parameters; the schema."""

import re

import pytest
from django.test import Client

from gonghui.culture import services as culture
from gonghui.testing.culture import Culture
from gonghui.testing.disputes import NARRATIVE, make_network
from gonghui.testing.integrations import bearer, make_token

pytestmark = pytest.mark.django_db


def get(secret: str, url: str):
    return Client().get(url, **bearer(secret))


def test_a_members_bookings_within_the_tokens_street(district):
    world = Culture(district)
    own, sibling = district.members["own"], district.members["sibling"]
    culture.booking_create(session=world.session(), member=own, actor=None)
    culture.booking_create(session=world.session(world.pingliang_venue), member=sibling, actor=None)
    _token, secret = make_token(district, "culture.bookings.read", node=district.dinghai)
    page = get(secret, f"/api/v1/members/{own.pk}/bookings").json()
    assert page["count"] == 1 and page["results"][0]["venue"] == "定海标记活动基地"
    assert page["results"][0]["status"] == "confirmed"
    # Another street's member is not there for this token.
    assert get(secret, f"/api/v1/members/{sibling.pk}/bookings").status_code == 404
    _district_token, district_secret = make_token(district, "culture.bookings.read")
    assert get(district_secret, f"/api/v1/members/{sibling.pk}/bookings").json()["count"] == 1


def test_cases_status_within_the_tokens_street_and_never_the_narrative(district):
    network = make_network(district)
    _token, secret = make_token(district, "disputes.cases.read", node=district.dinghai)
    listed = get(secret, "/api/v1/cases?page_size=200")
    assert listed.status_code == 200 and NARRATIVE not in listed.content.decode()
    numbers = {c["number"] for c in listed.json()["results"]}
    assert network.cases["own"].number in numbers and network.cases["sibling"].number not in numbers
    own = get(secret, f"/api/v1/cases/{network.cases['own'].pk}")
    assert own.status_code == 200 and own.json()["status"] == "received"
    assert get(secret, f"/api/v1/cases/{network.cases['sibling'].pk}").status_code == 404
    by_status = get(secret, "/api/v1/cases?status=closed").json()
    assert by_status["count"] == 0


def test_the_kpis_open_to_a_token_with_kpis_read(district):
    _token, secret = make_token(district, "kpis.read", node=district.dinghai)
    url = f"/api/v1/nodes/{district.dinghai.pk}/kpis?year=2014"
    body = get(secret, url).json()
    cadre = Client()
    cadre.force_login(district.users["dinghai_cadre"])
    by_session = cadre.get(url).json()
    assert body["node_id"] == district.dinghai.pk and body["members"] == by_session["members"] > 0
    assert body["new_members"] == by_session["new_members"] > 0  # the test district joined in 2014
    assert get(secret, f"/api/v1/nodes/{district.pingliang.pk}/kpis").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/cases/{big}",
        "/api/v1/cases/0",
        "/api/v1/members/{big}/bookings",
        "/api/v1/members/-1/bookings",
        "/api/v1/cases?page=0",
        "/api/v1/cases?page={big}",
        "/api/v1/cases?page_size=201",
        "/api/v1/cases?page_size=0",
        "/api/v1/cases?status=nonsense",
    ],
)
def test_integer_parameters_are_bounded_and_answer_422_never_500(district, url):
    _token, secret = make_token(district, "disputes.cases.read", "culture.bookings.read")
    response = get(secret, url.format(big=2**70))
    assert response.status_code == 422


def test_a_page_past_the_end_is_empty_not_an_error(district):
    make_network(district)
    _token, secret = make_token(district, "disputes.cases.read")
    page = get(secret, f"/api/v1/cases?page={2**63 - 1}&page_size=200")
    assert page.status_code == 200 and page.json()["results"] == [] and page.json()["count"] > 0


def test_the_schema_documents_the_integrators_routes_with_examples_and_codes(district):
    schema = Client().get("/api/openapi.json").json()
    assert schema["components"]["securitySchemes"]["ApiTokenAuth"] == {"type": "http", "scheme": "bearer"}
    for path, method, codes in (
        ("/api/v1/till/sales", "post", {"201", "400", "401", "403", "409", "422", "429"}),
        ("/api/v1/till/verify", "post", {"200", "400", "401", "403", "422", "429"}),
        ("/api/v1/cases", "get", {"200", "400", "401", "403", "404", "422", "429"}),
        ("/api/v1/cases/{case_id}", "get", {"200", "400", "401", "403", "404", "422", "429"}),
        ("/api/v1/members/{member_id}/bookings", "get", {"200", "400", "401", "403", "404", "422", "429"}),
    ):
        assert set(schema["paths"][path][method]["responses"]) == codes, path
    parameters = schema["paths"]["/api/v1/cases/{case_id}"]["get"]["parameters"]
    case_id = next(p for p in parameters if p["name"] == "case_id")["schema"]
    assert case_id["minimum"] == 1 and case_id["maximum"] == 2**63 - 1
    sale_in = schema["components"]["schemas"]["SaleIn"]
    assert sale_in["examples"][0]["amount"] == "88.00"
    assert schema["components"]["schemas"]["SaleOut"]["examples"]


def test_the_docs_page_loads_only_our_own_static_files(district):
    page = Client().get("/api/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page
    page = re.sub(r'data-csrf-token="[^"]*"', "", page)  # a random token may spell anything
    assert "cdn" not in page.lower() and "https://" not in page
