"""The city generator: 16 districts sized as Shanghai's, rows made by the database, a tree
treebeard can go on growing."""

import pytest
from django.core.management import call_command
from django.db import connection

from gonghui.demo.city.generate import CITY_MEMBERS, CITY_UNIONS, CITY_UNITS, plan, shares
from gonghui.organizations.models import Node


def test_shares_split_the_whole_by_weight_with_a_floor():
    counts = shares(100, [50, 30, 20, 0], minimum=1)
    assert sum(counts) == 101 or sum(counts) == 100
    assert counts[3] == 1
    assert counts[0] > counts[1] > counts[2]


def test_the_full_city_is_shanghai_2015():
    districts = plan(1.0)
    assert len(districts) == 16
    assert sum(d.unions for d in districts) == CITY_UNIONS
    assert sum(d.units for d in districts) == CITY_UNITS
    assert sum(d.members for d in districts) == CITY_MEMBERS
    pudong = districts[0]
    assert pudong.name == "浦东新区" and pudong.members > 0.2 * CITY_MEMBERS
    assert len({d.path for d in districts}) == 16 and all(len(d.path) == 8 for d in districts)


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_city_loads_set_based_and_the_tree_stays_a_tree():
    call_command("city", "--scale", "0.001", "--json")
    with connection.cursor() as cursor:
        cursor.execute("SELECT district, count(*) FROM members_member GROUP BY district ORDER BY district")
        per_district = dict(cursor.fetchall())
        cursor.execute(
            "SELECT count(*) FROM members_member m JOIN organizations_node u ON u.id = m.union_id"
            " WHERE m.path <> u.path OR m.district <> left(u.path, 8) OR u.kind <> 'grassroots'"
        )
        misplaced = cursor.fetchone()[0]
        cursor.execute(
            "SELECT count(*) FROM organizations_unit WHERE union_id IS NOT NULL AND covered_on IS NULL"
        )
        undated = cursor.fetchone()[0]
    expected = {d.path: d.members for d in plan(0.001)}
    assert per_district == expected
    assert misplaced == 0 and undated == 0
    assert Node.objects.filter(kind="grassroots").count() == sum(d.unions for d in plan(0.001))
    # numchild and the hex steps are what treebeard expects: it adds the next child after them.
    street = Node.objects.filter(kind="street").order_by("path").first()
    last = Node.objects.get_children(street).last()
    added = Node.objects.add_child(street, {"name": "新建工会", "kind": Node.Kind.GRASSROOTS})
    assert added.path > last.path and added.path.startswith(street.path)
    assert Node.objects.get_children(street).count() == Node.objects.get(pk=street.pk).numchild


@pytest.mark.postgres
@pytest.mark.django_db
def test_a_scale_out_of_range_is_refused_in_chinese_and_loads_nothing():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="须大于 0"):
        call_command("city", "--scale", "0")
    assert not Node.objects.exists()
