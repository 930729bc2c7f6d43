import json
from io import StringIO

import pytest
from django.core.management import call_command

from gonghui.members.services import member_set_status
from gonghui.results.kpis import live_figures, refresh_rollups, rollup_figures

pytestmark = pytest.mark.django_db


def test_street_figures_count_only_clean_active_members(district):
    figures = live_figures(district.dinghai)
    # own, colleague, subtree are active and clean; the duplicate and the leaver count for nothing
    assert figures["members"] == 3
    assert figures["unions"] == 2
    assert figures["covered_units"] == 2
    assert figures["eligible_units"] == 3
    assert figures["establishment_rate"] == round(2 / 3, 4)
    assert figures["workers_in_covered_units"] == 6
    assert figures["membership_rate"] == 0.5


def test_district_adds_up_its_streets(district):
    root, dinghai, pingliang = (
        live_figures(n) for n in (district.root, district.dinghai, district.pingliang)
    )
    for key in ("members", "unions", "covered_units", "eligible_units", "workers_in_covered_units"):
        assert root[key] == dinghai[key] + pingliang[key]
    assert root["unions_by_kind"]["street"] == 2
    assert root["by_year"]["2013"]["new_units_covered"] == 3


def test_rollup_matches_live_figures_for_every_node(district):
    refresh_rollups()
    for node in (district.root, district.dinghai, district.pingliang, district.dinghai_union):
        rolled, _at = rollup_figures(node)
        assert rolled == live_figures(node)


def test_a_status_change_refreshes_the_rollup(district, django_capture_on_commit_callbacks):
    refresh_rollups()
    before = rollup_figures(district.dinghai)[0]["members"]
    with django_capture_on_commit_callbacks(execute=True):
        member_set_status(member=district.members["own"], status="retired", actor=district.users["chair"])
    assert rollup_figures(district.dinghai)[0]["members"] == before - 1


def test_kpis_command_prints_stable_json(district):
    out = StringIO()
    call_command("kpis", "--node", district.dinghai.path, "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["node"]["name"] == "定海路街道"
    assert data["members"] == 3
    assert set(data) >= {
        "members",
        "unions",
        "covered_units",
        "eligible_units",
        "establishment_rate",
        "membership_rate",
        "unions_by_kind",
        "by_year",
        "workers_in_covered_units",
    }


def test_each_figure_links_to_the_records_behind_it(district):
    from django.test import Client

    client = Client()
    client.force_login(district.users["dinghai_cadre"])
    page = client.get(f"/kpis/{district.dinghai.pk}/").content.decode()
    assert f"/org/unions/?node={district.dinghai.pk}" in page
    unions = client.get("/org/unions/", {"node": district.dinghai.pk}).content.decode()
    assert unions.count('<td><a href="/org/nodes/') == live_figures(district.dinghai)["unions"]
    uncovered = client.get(
        "/org/units/", {"node": district.dinghai.pk, "coverage": "uncovered"}
    ).content.decode()
    assert "定海标记未建会公司" in uncovered and "定海标记甲公司</a>" not in uncovered
    new_in_2013 = client.get(
        "/org/units/", {"node": district.dinghai.pk, "covered_year": 2013}
    ).content.decode()
    new_units = live_figures(district.dinghai)["by_year"]["2013"]["new_units_covered"]
    assert new_in_2013.count('<td><a href="/org/units/') == new_units
    joined = client.get("/members/", {"node": district.dinghai.pk, "joined_year": 2014}).content.decode()
    assert (
        joined.count('<td><a href="/members/')
        == live_figures(district.dinghai)["by_year"]["2014"]["new_members"]
    )
