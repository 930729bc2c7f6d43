"""The care figures: flows by their own dates, the open files a stock as of the period's end, each
node's subtree only; and the registry serves them under `care`."""

import base64
import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.care import services
from gonghui.care.figures import FIGURES
from gonghui.care.models import Delivery, FamilyFile, Payout, Stay
from gonghui.care.selectors import care_figures
from gonghui.lib.figures import Period
from gonghui.results.registry import figures_for

pytestmark = pytest.mark.django_db
PNG = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 64).decode()


def moment(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def test_the_figures_have_exactly_the_issue_s_keys():
    assert FIGURES.keys() == (
        "campaigns", "people_served", "person_times", "spend_yuan", "health_checks", "rest_home_stays",
        "hardship_files_open", "hardship_aid_paid_yuan", "hardship_files_closed",
    )  # fmt: skip


def test_flows_count_the_period_and_stocks_the_period_s_last_day(care):
    d = care.d
    site = care.site(care.campaign(d.dinghai))
    for member in (d.members["own"], d.members["colleague"]):
        services.delivery_record(site=site, member=member, signature=PNG, actor=care.staff)
    Delivery.unscoped.filter(member=d.members["colleague"]).update(
        delivered_at=moment(datetime.date(2020, 7, 5))
    )
    open_now, closed = care.file(d.members["own"]), care.file(d.members["subtree"])
    FamilyFile.unscoped.filter(pk=open_now.pk).update(opened_on=datetime.date(2019, 5, 1))
    FamilyFile.unscoped.filter(pk=closed.pk).update(
        opened_on=datetime.date(2018, 5, 1), status="closed", closed_on=datetime.date(2021, 3, 1)
    )
    grant = care.grant(open_now, approve=True)
    services.payout_make(grant=grant, key="k1", signature=PNG, actor=care.staff)
    Payout.unscoped.update(paid_at=moment(datetime.date(2020, 1, 10)))
    stay = services.stay_assign(
        offer=care.offer(d.dinghai, kind="health_check"), member=d.members["own"], actor=care.staff
    )
    Stay.unscoped.filter(pk=stay.pk).update(status="done", done_on=datetime.date(2020, 10, 1))

    year_2020 = care_figures(d.root, Period.year(2020))
    assert (year_2020["person_times"], year_2020["people_served"]) == (1, 1)
    assert year_2020["spend_yuan"]["cooling"] == "120.00" and year_2020["spend_yuan"]["warmth"] == "0.00"
    assert year_2020["hardship_aid_paid_yuan"] == "1000.00" and year_2020["health_checks"] == 1
    assert year_2020["hardship_files_open"] == 2 and year_2020["hardship_files_closed"] == 0
    assert year_2020["campaigns"] == 0  # the campaign starts this year
    as_of_2021 = care_figures(d.root, Period.as_of(datetime.date(2021, 12, 31)))
    assert as_of_2021["hardship_files_open"] == 1 and as_of_2021["hardship_files_closed"] == 1
    assert care_figures(d.root, Period.as_of(datetime.date(2018, 12, 31)))["hardship_files_open"] == 1
    everything = care_figures(d.root)
    assert everything["person_times"] == 2 and everything["spend_yuan"]["cooling"] == "240.00"
    assert everything["campaigns"] == 1 and everything["rest_home_stays"] == 0
    # A node sees its subtree only; the registry gives the same under `care`.
    assert (
        care_figures(d.pingliang)["person_times"] == 0
        and care_figures(d.dinghai_union_b)["hardship_files_closed"] == 1
    )
    assert figures_for(d.dinghai, Period.year(2020))["care"] == care_figures(d.dinghai, Period.year(2020))


def test_a_campaign_counts_where_it_served_someone(care):
    d = care.d
    site = care.site(care.campaign(d.root), d.dinghai)
    services.delivery_record(site=site, member=d.members["own"], signature=PNG, actor=care.staff)
    assert care_figures(d.dinghai)["campaigns"] == 1 and care_figures(d.pingliang)["campaigns"] == 0
    assert care_figures(d.root)["spend_yuan"]["cooling"] == "120.00"
    assert Decimal(care_figures(d.dinghai_union)["spend_yuan"]["cooling"]) == Decimal("120.00")
