"""AZ-1…AZ-5 beside the generated matrix (test_access_matrix.py): a hidden object looks
missing, sign-in comes first, unscoped reads fail, transfers, mass assignment, role changes."""

import pytest
from django.test import Client
from django.urls import reverse

from gonghui.lib.scoping import UnscopedQuery, enforce_scoping
from gonghui.members.models import Member

pytestmark = pytest.mark.django_db


def client_for(district, username: str) -> Client:
    client = Client()
    client.force_login(district.users[username])
    return client


def test_a_missing_object_and_an_out_of_scope_one_look_the_same(district):
    client = client_for(district, "chair")
    hidden = client.get(reverse("members:detail", args=[district.members["sibling"].pk]))
    missing = client.get(reverse("members:detail", args=[10**9]))
    assert hidden.status_code == missing.status_code == 404
    assert hidden.content == missing.content


def test_anonymous_is_sent_to_login(district):
    response = Client().get(reverse("members:detail", args=[district.members["own"].pk]))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    assert Client().get(f"/api/v1/members/{district.members['own'].pk}").status_code == 401


def test_an_unscoped_read_during_a_request_fails_loudly(district):
    with enforce_scoping(), pytest.raises(UnscopedQuery):
        list(Member.objects.all())
    with enforce_scoping():
        assert Member.objects.visible_to(district.users["chair"]).count() == 4
        assert Member.unscoped.count() == 7  # services may look across scopes on purpose


def test_a_member_sees_only_their_own_record(district):
    member_user = district.users["member"]
    assert list(Member.objects.visible_to(member_user)) == [district.members["own"]]


def test_transfer_approval_belongs_to_the_receiving_union(district):
    from gonghui.members.models import Transfer
    from gonghui.members.services import transfer_request

    transfer = transfer_request(
        member=district.members["sibling"],
        to_union=district.dinghai_union,
        actor=district.users["pingliang_cadre"],
    )
    sender = client_for(district, "pingliang_cadre")
    assert sender.get(reverse("members:transfers")).content.decode().count("孙平凉") == 1
    assert sender.post(reverse("members:transfer-approve", args=[transfer.pk])).status_code == 404
    receiver = client_for(district, "chair")
    receiver.post(reverse("members:transfer-approve", args=[transfer.pk]))
    assert Transfer.unscoped.get(pk=transfer.pk).status == "approved"
    assert Member.unscoped.get(pk=district.members["sibling"].pk).union == district.dinghai_union


def test_posted_fields_a_role_may_not_set_are_ignored(district):
    """AZ-4: the join form takes no union, status or path; posting them changes nothing."""
    client = client_for(district, "member")
    district.users["member"].member = None
    district.users["member"].save()
    response = client.post(
        reverse("portal:join"),
        {
            "name": "吴申请",
            "id_number": "11010519491231002X",
            "unit_query": district.units["dinghai_a"].name,
            "union": district.pingliang_union.pk,
            "status": "approved",
            "path": district.pingliang_union.path,
        },
    )
    assert response.status_code == 302
    from gonghui.members.models import JoinApplication

    application = JoinApplication.unscoped.get(name="吴申请")
    assert application.status == "pending" and application.union == district.dinghai_union


def test_role_change_and_deactivation_take_effect_on_the_next_request(district):
    from gonghui.accounts.services import role_change

    cadre = district.users["dinghai_cadre"]
    client = client_for(district, "dinghai_cadre")
    url = reverse("members:detail", args=[district.members["subtree"].pk])
    assert client.get(url).status_code == 200
    role_change(
        user=cadre, role="grassroots_chair", node=district.dinghai_union, actor=district.users["district"]
    )
    assert client.get(url).status_code == 404
    cadre.is_active = False
    cadre.save()
    assert client.get(reverse("members:list")).status_code == 302
