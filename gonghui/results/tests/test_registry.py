"""The KPI registry: every app's figures described once, computed for any period, and the
generated docs/kpis.md in step with it. Membership as of a day follows the records' history."""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from gonghui.lib.figures import Period, PeriodError, period_from
from gonghui.members.models import MemberStatusChange, Transfer
from gonghui.members.services import member_set_status, transfer_approve, transfer_request
from gonghui.results.docs import kpis_markdown
from gonghui.results.registry import figure_set, figure_sets, figures_for

pytestmark = pytest.mark.django_db
DOCS = Path(__file__).resolve().parents[3] / "docs" / "kpis.md"


def _at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(day))


def test_the_docs_are_generated_from_the_registry():
    assert DOCS.read_text() == kpis_markdown(), "run: python manage.py kpis --docs > docs/kpis.md"


def test_every_module_registers_its_figures_once():
    groups = [figures.group for figures in figure_sets()]
    assert groups[0] == "" and {"cards", "culture", "disputes"} <= set(groups)
    assert len(groups) == len(set(groups))
    for figures in figure_sets():
        assert len(figures.keys()) == len(set(figures.keys())), figures.group


def test_each_set_computes_exactly_its_registered_keys(district):
    for figures in figure_sets():
        computed = figures.compute(district.dinghai, Period.year(2016))
        assert set(computed) == set(figures.keys()), figures.group


def test_every_figure_says_what_it_is_in_both_languages_and_drills_to_a_page():
    for figures in figure_sets():
        for figure in figures.figures:
            assert figure.zh and figure.en and figure.definition and figure.definition_en, figure.key
            assert figure.zh != figure.en, figure.key
            if figure.drill:
                reverse(figure.drill)  # a name that resolves without arguments


def test_a_stock_follows_leaving_and_transfers_not_todays_status(district):
    d = district
    left = d.members["colleague"]
    member_set_status(member=left, status="left", actor=d.users["district"])
    MemberStatusChange.objects.filter(member=left, to_status="left").update(at=_at("2018-03-01T10:00"))
    mover = d.members["own"]
    transfer = transfer_request(member=mover, to_union=d.pingliang_union, actor=d.users["district"])
    transfer_approve(transfer=transfer, actor=d.users["district"])
    Transfer.unscoped.filter(pk=transfer.pk).update(decided_at=_at("2017-06-01T10:00"))
    # Both joined in 2014: on the last day of 2016 both were members of 定海.
    in_2016 = figures_for(d.dinghai, Period.as_of(datetime.date(2016, 12, 31)))["members"]
    in_2017 = figures_for(d.dinghai, Period.as_of(datetime.date(2017, 12, 31)))["members"]
    now = figures_for(d.dinghai)["members"]
    assert (in_2016, in_2017, now) == (3, 2, 1)
    assert figures_for(d.pingliang, Period.as_of(datetime.date(2016, 12, 31)))["members"] == 2
    assert figures_for(d.pingliang, Period.year(2017))["members"] == 3
    assert figures_for(d.root, Period.year(2013))["members"] == 0  # nobody had joined yet


def test_flows_count_within_the_period(district):
    d = district
    assert figures_for(d.root, Period.year(2014))["new_members"] == 6  # all but the flagged record
    assert figures_for(d.root, Period.year(2015))["new_members"] == 0
    assert figures_for(d.dinghai, Period.years(2012, 2016))["new_unions"] == 2
    assert figures_for(d.dinghai, Period.year(2015))["new_unions"] == 1
    assert figures_for(d.dinghai, Period.year(2012))["unions"] == 0  # founded 2013 and 2015
    assert figures_for(d.dinghai, Period.year(2014))["unions"] == 1


def test_the_period_a_caller_asks_for():
    assert period_from() is None
    assert period_from(year=2016) == Period.year(2016)
    assert period_from(first=2012, last=2016) == Period(
        datetime.date(2012, 1, 1), datetime.date(2016, 12, 31)
    )
    assert period_from(month="2016-02") == Period(datetime.date(2016, 2, 1), datetime.date(2016, 2, 29))
    assert period_from(as_of=datetime.date(2016, 12, 31)).end == datetime.date(2016, 12, 31)
    for wrong in ({"year": 10000}, {"first": 2016, "last": 2012}, {"month": "2016-13"}, {"month": "x"},
                  {"year": 2016, "month": "2016-01"}):  # fmt: skip
        with pytest.raises(PeriodError):
            period_from(**wrong)


def test_the_kpis_command_takes_a_range_of_years(district):
    out = StringIO()
    call_command("kpis", "--node", district.root.path, "--from", "2012", "--to", "2016", stdout=out)
    data = json.loads(out.getvalue())
    assert data["period"] == {"from": "2012-01-01", "to": "2016-12-31"}
    assert data["new_members"] == 6 and data["members"] == 5
    assert {"cards", "culture", "disputes"} <= set(data)
    assert set(data["cards"]) == set(figure_set("cards").keys())
    with pytest.raises(CommandError):
        call_command("kpis", "--node", district.root.path, "--year", "2016", "--month", "2016-01")
