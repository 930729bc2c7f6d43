"""The honours roll: who holds what on a day, individual honours at the member's union, one
title per person, revocation, studios, and a member's honours on their own page."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from gonghui.honours import services
from gonghui.honours.models import Honour, HonourKind, Studio
from gonghui.honours.selectors import honours_figures
from gonghui.lib.figures import Period

pytestmark = pytest.mark.django_db
D = datetime.date


def award(district, kind, **kw):
    return services.honour_award(kind=kind, actor=district.users["district"], **kw)


def test_figures_are_the_honours_held_on_the_day(district):
    model = award(
        district, HonourKind.CITY_MODEL_WORKER, member=district.members["own"], awarded_on=D(2015, 4, 28)
    )
    award(
        district, HonourKind.CITY_MODEL_WORKER, member=district.members["sibling"], awarded_on=D(2020, 4, 28)
    )
    award(
        district,
        HonourKind.CITY_MODEL_SMALL_HOME,
        node=district.dinghai_union,
        recipient="定海标记甲公司工会车间小家",
        awarded_on=D(2016, 5, 1),
    )
    services.studio_create(
        node=district.dinghai,
        name="定海劳模创新工作室",
        level=Studio.Level.DISTRICT,
        topic="节能改造",
        leader=district.members["own"],
        founded_on=D(2014, 9, 1),
        actor=district.users["district"],
    )
    end_2016 = Period.as_of(D(2016, 12, 31))
    figures = honours_figures(district.root, end_2016)
    assert (
        figures["city_model_workers"],
        figures["city_model_small_homes"],
        figures["innovation_studios"],
    ) == (1, 1, 1)
    assert honours_figures(district.root)["city_model_workers"] == 2
    assert honours_figures(district.pingliang)["city_model_workers"] == 1  # where the person's union is
    assert model.path == district.members["own"].path and model.recipient == "张定海"
    services.honour_revoke(
        honour=model, reason="弄虚作假", on=D(2019, 1, 1), actor=district.users["district"]
    )
    assert honours_figures(district.root, end_2016)["city_model_workers"] == 1  # still held on that day
    assert honours_figures(district.root)["city_model_workers"] == 1


def test_a_person_holds_a_title_once_and_collectives_name_no_person(district):
    award(
        district, HonourKind.NATIONAL_MAYDAY_MEDAL, member=district.members["own"], awarded_on=D(2014, 4, 28)
    )
    with pytest.raises(services.HonoursError):
        award(
            district,
            HonourKind.NATIONAL_MAYDAY_MEDAL,
            member=district.members["own"],
            awarded_on=D(2016, 4, 28),
        )
    with pytest.raises(services.HonoursError):
        award(district, HonourKind.CITY_MODEL_WORKER, awarded_on=D(2016, 4, 28))
    pioneers = award(
        district,
        HonourKind.CITY_PIONEER_TEAM,
        node=district.dinghai_union,
        recipient="标记班组",
        member=district.members["own"],
        awarded_on=D(2016, 4, 28),
    )
    assert pioneers.member is None and pioneers.path == district.dinghai_union.path
    with transaction.atomic(), pytest.raises(IntegrityError):
        Honour.unscoped.filter(pk=pioneers.pk).update(member=district.members["own"])


def test_a_street_cadre_records_only_in_their_street(district):
    with pytest.raises(services.HonoursError):
        services.honour_award(
            kind=HonourKind.CITY_MODEL_WORKER,
            member=district.members["sibling"],
            awarded_on=D(2016, 4, 28),
            actor=district.users["dinghai_cadre"],
        )


def test_a_member_sees_their_own_honours_on_their_page(district):
    award(
        district,
        HonourKind.CITY_MAYDAY_MEDAL,
        member=district.members["own"],
        awarded_on=D(2016, 4, 28),
        citation="攻克外墙保温施工难题",
    )
    award(
        district,
        HonourKind.CITY_MAYDAY_MEDAL,
        member=district.members["colleague"],
        awarded_on=D(2016, 4, 28),
        citation="同事的事迹",
    )
    client = Client()
    client.force_login(district.users["member"])
    body = client.get(reverse("honours:m_mine")).content.decode()
    assert "攻克外墙保温施工难题" in body and "同事的事迹" not in body
    assert reverse("honours:m_mine") in client.get(reverse("portal:home")).content.decode()


def test_staff_pages_answer_and_bad_input_is_a_form_error(district):
    honour = award(
        district, HonourKind.CITY_MODEL_WORKER, member=district.members["own"], awarded_on=D(2015, 4, 28)
    )
    studio = services.studio_create(
        node=district.dinghai,
        name="标记工作室",
        level="city",
        topic="焊接工艺",
        leader_name="王工",
        founded_on=D(2016, 1, 1),
        actor=district.users["district"],
    )
    client = Client()
    client.force_login(district.users["district"])
    for url in (
        reverse("honours:list") + "?kind=city_model_worker",
        reverse("honours:detail", args=[honour.pk]),
        reverse("honours:new"),
        reverse("honours:studios"),
        reverse("honours:studio", args=[studio.pk]),
        reverse("honours:studio_new"),
    ):
        assert client.get(url).status_code == 200, url
    response = client.post(
        reverse("honours:new"),
        {"kind": "city_model_worker", "awarded_on": "2016-04-28", "citation": "标记事迹"},
    )
    assert response.status_code == 400 and "标记事迹" in response.content.decode()
