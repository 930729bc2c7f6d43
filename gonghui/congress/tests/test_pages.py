"""The list pages and the member's home render for their audiences, and show only what is in
scope: the sibling street's congress is on none of the chair's pages."""

import pytest
from django.test import Client
from django.urls import reverse

from gonghui.congress import services
from gonghui.congress.models import Choice
from gonghui.testing import add_unit

pytestmark = pytest.mark.django_db


def test_staff_lists_and_the_members_home(world):
    session = world.session()
    world.sign_in(session, world.seats)
    item = world.voting_item(session)
    services.vote_cast(item=item, representative=world.own, choice=Choice.FOR, actor=None)
    services.proposal_submit(
        congress=world.congress, proposer=world.own, title="标记提案甲", body="内容", actor=None
    )
    services.proposal_submit(
        congress=world.other, proposer=world.stranger, title="标记提案丙", body="内容", actor=None
    )
    chair = Client()
    chair.force_login(world.d.users["chair"])
    for name in ("congress:list", "congress:proposals", "congress:new"):
        page = chair.get(reverse(name)).content.decode()
        assert "平凉标记丙公司职代会" not in page and "标记提案丙" not in page
    assert "定海标记甲公司职代会" in chair.get(reverse("congress:list")).content.decode()
    assert "标记提案甲" in chair.get(reverse("congress:proposals")).content.decode()
    live = chair.get(reverse("congress:session", args=[session.pk]), HTTP_HX_REQUEST="true")
    assert live.status_code == 200 and "已投 1 票" in live.content.decode()
    member = Client()
    member.force_login(world.d.users["member"])
    home = member.get(reverse("congress:m_home")).content.decode()
    assert "定海标记甲公司职代会" in home and "我是职工代表" in home and "平凉" not in home
    part = member.get(
        reverse("congress:m_session", args=[session.pk]), HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "您已投票" in part


def test_staff_can_establish_a_joint_congress_and_reach_its_units(world, district):
    a = add_unit(district.dinghai, None, "定海联合甲")
    b = add_unit(district.dinghai, None, "定海联合乙")
    cadre = Client()
    cadre.force_login(district.users["dinghai_cadre"])
    response = cadre.post(
        reverse("congress:new"),
        {"name": "定海路街道区域联合职代会", "kind": "joint", "node": district.dinghai.pk,
         "units": f"{a.uscc}\n{b.name}", "established_on": "2020-05-01", "seats": "15", "term_years": "3",
         "frontline_share": "0.5", "women_share": "0.3"},
    )  # fmt: skip
    assert response.status_code == 302
    refused = cadre.post(
        reverse("congress:new"),
        {"name": "x", "kind": "unit", "units": district.units["pingliang_c"].uscc,
         "established_on": "2020-05-01", "seats": "15", "term_years": "3", "frontline_share": "0.5",
         "women_share": "0.3"},
    )  # fmt: skip
    assert refused.status_code == 200 and "未找到单位" in refused.content.decode()
