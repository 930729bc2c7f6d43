"""PI-1 and PI-3: no plaintext ID or phone at rest or in any response; AZ-3: no
record of the sibling street in any list, search, count or API page."""

import re
import shutil
import subprocess

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from gonghui.disputes.models import CaseParty
from gonghui.federation.models import FoundingApplication, WorkOrder
from gonghui.members.models import JoinApplication, Member
from gonghui.testing.routes import id_routes
from gonghui.testing.targets import GROUPS, ROLES, persona, places
from gonghui.testing.targets.spine import SPINE

LIST_URLS = [
    "/members/",
    "/members/?q=平凉",
    "/members/?q=spl",
    "/members/?flagged=on",
    "/members/joins/",
    "/members/transfers/",
    "/org/units/",
    "/org/units/?q=标记",
    "/org/units/?coverage=uncovered",
    "/api/v1/members",
    "/api/v1/members?q=平凉",
    "/api/v1/units",
    "/api/v1/units?q=标记",
]
# Pages the federation publishes to everyone (no login): not a view of anyone's scope.
PUBLISHED = ("/boards/", "/screen/")
# The pages that take an id come from the access walker: every such route, with a real object of
# each relation, per module; the list pages beside them.
PARTS = ["lists", *sorted(GROUPS)]


@pytest.fixture(autouse=True)
def _documents_dir(settings, tmp_path):
    settings.CARDS_DOCUMENT_DIR = tmp_path / "claim-documents"


def secrets_of_members() -> list[str]:
    values = []
    for member in Member.unscoped.all():
        values += [member.id_number, member.phone]
    return [v for v in values if v]


def secrets_of_people() -> list[str]:
    """Members', applicants', case parties', hotline callers' and founding contacts' full numbers."""
    values = secrets_of_members()
    for application in JoinApplication.unscoped.all():
        values += [application.id_number, application.phone]
    values += [party.phone for party in CaseParty.objects.all()]
    values += [order.caller_phone for order in WorkOrder.unscoped.all()]
    values += [application.contact_phone for application in FoundingApplication.unscoped.all()]
    return [v for v in values if v]


def urls_of(district, part: str, where) -> list[str]:
    if part == "lists":
        return [
            *LIST_URLS,
            *(
                reverse("results:kpis", args=[n.pk])
                for n in (district.root, district.dinghai, district.pingliang)
            ),
            reverse("organizations:node", args=[district.root.pk]),
            reverse("portal:home"),
        ]
    group = GROUPS[part]
    objects = group.build(district, where)
    return [
        route.url(ids)
        for route in id_routes()
        if route.name in group.routes
        for ids in objects[group.routes[route.name].kind].values()
    ]


def crawl(district, username: str, parts: list[str]) -> list[tuple[str, str]]:
    where = places(district)
    urls = [url for part in parts for url in urls_of(district, part, where)]
    client = Client()
    client.force_login(persona(district, username))
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        pages.append((url, body.decode(errors="replace")))
    return pages


@pytest.mark.walk
@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("part", PARTS)
def test_no_response_of_any_role_holds_a_full_id_or_phone(district, part, role):
    pages = crawl(district, role, [part])
    secrets = secrets_of_people()
    for url, body in pages:
        for secret in secrets:
            assert secret not in body, f"{role} {url} shows a full number"


@pytest.mark.django_db
def test_the_street_cadre_sees_nothing_of_the_sibling_street(district):
    markers = [
        "平凉标记",
        "平凉路街道",
        "孙平凉",
        "周平凉",
        district.members["sibling"].member_no,
        district.units["pingliang_c"].uscc,
    ]
    for url, body in crawl(district, "dinghai_cadre", PARTS):
        if url.startswith(("/kpis/", "/org/nodes/")) and str(district.pingliang.pk) in url:
            continue  # refused with 404: the page itself is the generic one
        if url.startswith(PUBLISHED):
            continue  # a published board or a signed screen: the same for everyone, signed in or not
        for marker in markers:
            assert marker not in body, f"{url} shows {marker}"


@pytest.mark.django_db
def test_list_counts_cover_the_scope_only(district):
    client = Client()
    client.force_login(district.users["dinghai_cadre"])
    data = client.get("/api/v1/members").json()
    assert data["count"] == Member.objects.visible_to(district.users["dinghai_cadre"]).count() == 5
    assert not re.search(r"平凉", str(data))


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_database_dump_holds_no_plaintext_id_or_phone(district, tmp_path):
    if not shutil.which("pg_dump"):
        pytest.skip("pg_dump is not installed")
    SPINE.build(district, places(district))  # join applications and transfers too
    settings = connection.settings_dict
    dump = subprocess.run(
        [
            "pg_dump",
            "-h",
            settings["HOST"] or "127.0.0.1",
            "-p",
            str(settings["PORT"] or 5432),
            "-U",
            settings["USER"],
            settings["NAME"],
        ],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    assert "定海标记甲公司" in dump  # the dump is real and has the data
    for secret in secrets_of_members():
        assert secret not in dump
