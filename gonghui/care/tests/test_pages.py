"""The care pages: a campaign from the form to approval, the site's scan and refusals, lists with
their filters (bad input answers 400), the rules page, the member's pages, and no full ID, phone
or bank account in any page of any persona (PI-3)."""

import pytest
from django.test import Client
from django.urls import reverse

from gonghui.care.models import Campaign, Delivery, MoneyRule, Stay
from gonghui.members.passes import pass_issue
from gonghui.testing.routes import id_routes
from gonghui.testing.targets.base import ROLES, persona, places
from gonghui.testing.targets.care import CARE

pytestmark = pytest.mark.django_db

LISTS = ["care:campaigns", "care:sites", "care:offers", "care:files", "care:payouts", "care:rules",
         "care:standards", "care:m-home", "care:campaign-new", "care:offer-new", "care:file-new"]  # fmt: skip


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_campaign_from_the_form_to_its_approval(care):
    d = care.d
    cadre = login(d.users["dinghai_cadre"])
    response = cadre.post(
        reverse("care:campaign-new"),
        {"name": "定海路夏季送清凉", "kind": "cooling", "node": d.dinghai.pk, "starts_on": "2026-07-01",
         "ends_on": "2026-08-31", "goods_kind": "card", "goods": "超市购物卡", "unit_value": "100",
         "budget": "1000"},
    )  # fmt: skip
    campaign = Campaign.unscoped.get(name="定海路夏季送清凉")
    assert response.status_code == 302 and response["Location"] == reverse(
        "care:campaign", args=[campaign.pk]
    )
    url = reverse("care:campaign", args=[campaign.pk])
    cadre.post(reverse("care:campaign-target", args=[campaign.pk]), {"node": d.dinghai_union.pk})
    cadre.post(reverse("care:campaign-recipients", args=[campaign.pk]))
    assert '<span id="listed">2</span>' in cadre.get(url).content.decode()
    cadre.post(reverse("care:campaign-approve", args=[campaign.pk]))
    assert "另一人审批" in cadre.get(url).content.decode()
    district = login(d.users["district"])
    district.post(reverse("care:campaign-approve", args=[campaign.pk]))
    page = district.get(url).content.decode()
    assert "节日慰问不得发放现金和购物卡" in page and "不得发放现金、购物卡" in page
    Campaign.unscoped.filter(pk=campaign.pk).update(goods_kind="goods")
    district.post(reverse("care:campaign-approve", args=[campaign.pk]))
    assert Campaign.unscoped.get(pk=campaign.pk).status == "approved"


def test_the_form_keeps_what_was_typed_and_names_the_error(care):
    client = login(care.d.users["dinghai_cadre"])
    response = client.post(
        reverse("care:campaign-new"),
        {"name": "写了一半的活动", "kind": "cooling", "node": care.d.pingliang.pk, "unit_value": "abc"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "写了一半的活动" in page and "errorlist" in page
    assert not Campaign.unscoped.filter(name="写了一半的活动").exists()  # another street's node is refused


def test_the_site_scan_refuses_a_second_delivery_with_the_reason(care):
    d = care.d
    site = care.site(care.campaign(d.dinghai), d.dinghai_union)
    client = login(d.users["dinghai_cadre"])
    first = pass_issue(member=d.members["colleague"]).code
    verify = client.post(
        reverse("care:site-verify", args=[site.pk]), {"scanned": first}, HTTP_HX_REQUEST="true"
    )
    assert 'id="site-valid"' in verify.content.decode() and "<html" not in verify.content.decode()
    done = client.post(
        reverse("care:site-deliver", args=[site.pk]), {"scanned": first}, HTTP_HX_REQUEST="true"
    )
    assert 'id="site-done"' in done.content.decode() and "李*海" in done.content.decode()
    again = pass_issue(member=d.members["colleague"]).code
    refused = client.post(reverse("care:site-deliver", args=[site.pk]), {"scanned": again})
    assert "同一活动每人限领一次" in refused.content.decode() and "<html" in refused.content.decode()
    assert Delivery.unscoped.count() == 1
    assert client.post(reverse("care:site-verify", args=[site.pk]), {"scanned": ""}).status_code == 400
    signed = client.post(
        reverse("care:site-sign", args=[site.pk]), {"member_no": d.members["sibling"].member_no}
    )
    assert "请输入会员编号" in signed.content.decode()


@pytest.mark.parametrize(
    "query", ["node=x", "year=abc", "node=99999999999", "year=1700", "page=-1", "kind=zz"]
)
def test_bad_filters_answer_400_or_404_never_500(care, query):
    client = login(care.d.users["district"])
    for name in ("care:campaigns", "care:offers", "care:files", "care:payouts"):
        assert client.get(f"{reverse(name)}?{query}").status_code in (200, 400, 404), (name, query)


def test_a_list_drilled_to_a_node_outside_the_scope_is_404(care):
    client = login(care.d.users["dinghai_cadre"])
    assert client.get(f"{reverse('care:files')}?node={care.d.pingliang.pk}").status_code == 404
    assert client.get(f"{reverse('care:files')}?node={care.d.dinghai_union.pk}").status_code == 200


def test_a_street_sees_the_district_s_campaigns_through_its_own_sites_only(care):
    d = care.d
    district_campaign = care.campaign(d.root)
    care.site(district_campaign, d.dinghai)
    page = login(d.users["dinghai_cadre"]).get(reverse("care:campaigns")).content.decode()
    assert district_campaign.name in page
    assert (
        district_campaign.name
        not in login(d.users["pingliang_cadre"]).get(reverse("care:campaigns")).content.decode()
    )


def test_only_the_district_publishes_rules(care):
    data = {"code": "snacks", "name": "标记新规则", "kind": "forbidden_goods", "goods_kinds": ["voucher"],
            "basis": "标记依据", "reason": "标记理由", "valid_from": "2026-01-01"}  # fmt: skip
    street = login(care.d.users["dinghai_cadre"]).post(reverse("care:rules"), data)
    assert street.status_code == 200 and "由区总工会制定" in street.content.decode()
    assert login(care.d.users["district"]).post(reverse("care:rules"), data).status_code == 302
    rule = MoneyRule.unscoped.get(code="snacks")
    # A street reads the district's rules; it may not end them.
    assert "标记新规则" in login(care.d.users["dinghai_cadre"]).get(reverse("care:rules")).content.decode()
    assert (
        login(care.d.users["dinghai_cadre"])
        .post(reverse("care:rule-end", args=[rule.pk]), {"on": "2026-12-31"})
        .status_code
        == 404
    )


def test_a_member_books_and_cancels_from_the_portal(care):
    d = care.d
    offer = care.offer(d.dinghai)
    client = login(d.users["member"])
    home = client.get(reverse("care:m-home")).content.decode()
    assert offer.title in home
    client.post(reverse("care:m-book", args=[offer.pk]))
    stay = Stay.unscoped.get(offer=offer)
    assert stay.member == d.members["own"] and stay.created_by == d.users["member"]
    assert client.post(reverse("care:m-cancel", args=[stay.pk])).status_code == 302
    assert Stay.unscoped.get(pk=stay.pk).status == "cancelled"


@pytest.mark.parametrize("role", ROLES)
def test_no_care_page_of_any_persona_holds_a_full_id_phone_or_bank_account(district, role):
    where = places(district)
    objects = CARE.build(district, where)
    urls = [reverse(name) for name in LISTS] + [
        route.url(ids)
        for route in id_routes()
        if route.name in CARE.routes
        for ids in objects[CARE.routes[route.name].kind].values()
    ]
    secrets = [v for m in district.members.values() for v in (m.id_number, m.phone)]
    secrets += [where["unrelated"].member.id_number, where["unrelated"].member.phone, "6222021001122334455"]
    client = login(persona(district, role))
    for url in urls:
        response = client.get(url)
        assert response.status_code < 500, url
        body = response.content.decode(errors="replace") if not response.streaming else ""
        for secret in secrets:
            assert secret not in body, f"{role} {url}"
