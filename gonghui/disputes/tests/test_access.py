"""AZ-2 for cases: a mediator sees only the cases of their organization, a member
only their own, a cadre only their subtree; everyone else gets 404 and changes nothing."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from gonghui.disputes.models import Case, CaseDocument, CaseEvent, LegalAidApplication
from gonghui.lib.scoping import enforce_scoping

pytestmark = pytest.mark.django_db

VISIBLE = {
    "district": {"own", "subtree", "sibling", "parent"},
    "dinghai_cadre": {"own", "subtree", "parent"},
    "pingliang_cadre": {"sibling"},
    "chair": {"own"},
    "mediator": {"own"},
    "member": {"own"},
    "cashier": set(),
}
BACK_OFFICE_GET = ["disputes:case"]
PORTAL_GET = ["disputes:my-case"]
POST_ROUTES = {
    "disputes:case-accept": {},
    "disputes:case-refuse": {"reason": "不属于受理范围"},
    "disputes:case-note": {"note": "调解记录"},
    "disputes:case-close": {"outcome": "withdrawn"},
    "disputes:case-aid": {"low_income": "on"},
    "disputes:my-case-rate": {"satisfaction": "5"},
    "disputes:case-assign": {"mediator": "1"},
}


def client_for(district, username: str) -> Client:
    client = Client()
    client.force_login(district.users[username])
    return client


def snapshot() -> tuple:
    return (
        tuple(
            Case.unscoped.order_by("pk").values_list("pk", "status", "outcome", "mediator_id", "satisfaction")
        ),
        CaseEvent.objects.count(),
        LegalAidApplication.unscoped.count(),
        CaseDocument.objects.count(),
    )


@pytest.mark.parametrize("role", sorted(VISIBLE))
def test_case_pages_answer_404_outside_the_callers_reach(district, network, role):
    client = client_for(district, role)
    for relation, case in network.cases.items():
        for name in BACK_OFFICE_GET + PORTAL_GET:
            portal = name in PORTAL_GET
            allowed = relation in VISIBLE[role] and (portal == (role == "member"))
            status = client.get(reverse(name, args=[case.pk])).status_code
            assert status == (200 if allowed else 404), f"{role} {relation} {name}: {status}"


@pytest.mark.parametrize("role", sorted(VISIBLE))
def test_writes_outside_the_callers_reach_answer_404_and_change_nothing(district, network, role):
    client = client_for(district, role)
    for relation, case in network.cases.items():
        if relation in VISIBLE[role]:
            continue
        routes = [*POST_ROUTES.items(), ("disputes:case-upload", None)]
        for name, data in routes:
            if data is None:  # a fresh, acceptable file each time
                data = {"file": SimpleUploadedFile("a.pdf", b"%PDF-1.4 x", content_type="application/pdf")}
            before = snapshot()
            response = client.post(reverse(name, args=[case.pk]), data)
            assert response.status_code == 404, f"{role} {relation} {name}: {response.status_code}"
            assert snapshot() == before, f"{role} {relation} {name} changed something"


def test_the_queryset_scope_matches_the_pages(district, network):
    with enforce_scoping():
        for role, relations in VISIBLE.items():
            visible = set(Case.objects.visible_to(district.users[role]).values_list("pk", flat=True))
            assert visible == {network.cases[r].pk for r in relations}, role


def test_lists_hold_only_cases_in_reach(district, network):
    numbers = {key: case.number for key, case in network.cases.items()}
    for role in ("district", "dinghai_cadre", "pingliang_cadre", "chair", "mediator"):
        body = client_for(district, role).get(reverse("disputes:cases")).content.decode()
        shown = {key for key, number in numbers.items() if number in body}
        assert shown == VISIBLE[role], role
    body = client_for(district, "member").get(reverse("disputes:my-cases")).content.decode()
    assert {key for key, number in numbers.items() if number in body} == {"own"}


def test_a_mediator_of_another_organization_cannot_act_on_the_case(district, network):
    """The court room's mediator is a mediator too, but not of the chair's committee."""
    client = client_for(district, "court_mediator")
    case = network.cases["own"]
    before = snapshot()
    assert client.get(reverse("disputes:case", args=[case.pk])).status_code == 404
    assert client.post(reverse("disputes:case-accept", args=[case.pk])).status_code == 404
    assert snapshot() == before


def test_a_mediator_of_the_organization_works_the_case(district, network):
    client = client_for(district, "mediator")
    case = network.cases["own"]
    assert client.post(reverse("disputes:case-accept", args=[case.pk])).status_code == 302
    assert Case.unscoped.get(pk=case.pk).status == "accepted"


def test_a_member_sees_the_case_of_a_colleague_as_missing(district, network):
    from gonghui.accounts.models import User
    from gonghui.disputes import services
    from gonghui.lib.roles import Role

    colleague = district.members["colleague"]
    colleague_user = User.objects.create(username="colleague", role=Role.MEMBER, member=colleague)
    theirs = services.case_register(
        channel="portal",
        category="overtime",
        unit=colleague.unit,
        narrative="同事的案情",
        workers=[services.Worker(name=colleague.name)],
        applicant=colleague_user,
        actor=colleague_user,
    )
    client = client_for(district, "member")
    hidden = client.get(reverse("disputes:my-case", args=[theirs.pk]))
    missing = client.get(reverse("disputes:my-case", args=[10**9]))
    assert hidden.status_code == missing.status_code == 404
    assert (
        client.post(reverse("disputes:my-case-rate", args=[theirs.pk]), {"satisfaction": "1"}).status_code
        == 404
    )
