"""On a Citus cluster (CITUS_URL, a database prepared by `make citus`: migrated, the core tables
distributed by district, a city loaded), a district's query runs on one shard: the router plan.
Skipped without CITUS_URL, so the CI suite needs no Citus build."""

import os
from types import SimpleNamespace

import psycopg
import pytest
from django.db import connection

from gonghui.culture.models import Session
from gonghui.members.models import Member
from gonghui.organizations.models import Unit

CITUS_URL = os.environ.get("CITUS_URL", "")

pytestmark = [
    pytest.mark.citus,
    pytest.mark.skipif(not CITUS_URL, reason="CITUS_URL is not set (make citus starts a cluster)"),
]

DISTRICT_MEMBERS = (
    "SELECT count(*) FROM members_member WHERE district = %(d)s AND path LIKE %(prefix)s"
    " AND status = 'active' AND id_problem = ''"
)
DISTRICT_COVERAGE = (
    "SELECT count(*) FILTER (WHERE u.union_id IS NOT NULL), count(*) FROM organizations_unit u"
    " JOIN members_member m ON m.unit_id = u.id AND m.district = u.district"
    " WHERE u.district = %(d)s AND u.must_have_union"
)


def plan_of(conn: psycopg.Connection, sql: str, params: dict | tuple) -> str:
    return "\n".join(r[0] for r in conn.execute("EXPLAIN " + sql, params).fetchall())


@pytest.fixture
def conn():
    with psycopg.connect(CITUS_URL, autocommit=True) as connection:
        yield connection


@pytest.fixture
def district(conn) -> str:
    row = conn.execute("SELECT path FROM organizations_node WHERE depth = 2 ORDER BY path LIMIT 1").fetchone()
    assert row, "no city in CITUS_URL: run `make citus` (or manage.py city --citus) first"
    return row[0]


def test_the_core_tables_are_distributed_by_district_and_colocated(conn):
    rows = dict(
        conn.execute(
            "SELECT table_name::text, citus_table_type || ':' || distribution_column || ':' || colocation_id"
            " FROM citus_tables"
        ).fetchall()
    )
    member = rows["members_member"].split(":")
    assert member[:2] == ["distributed", "district"]
    for table in ("organizations_unit", "culture_session", "culture_booking"):
        assert rows[table].split(":") == member
    assert rows["organizations_node"].startswith("reference")


def test_a_district_query_is_routed_to_one_shard(conn, district):
    params = {"d": district, "prefix": district + "%"}
    for sql in (DISTRICT_MEMBERS, DISTRICT_COVERAGE):
        plan = plan_of(conn, sql, params)
        # The router plan: the whole statement, aggregate and join included, sent to one shard;
        # nothing is left for the coordinator to combine.
        assert plan.splitlines()[0].startswith("Custom Scan (Citus Adaptive)"), plan
        assert "Task Count: 1\n" in plan and plan.count("Task Count") == 1, plan


def test_the_same_query_by_path_alone_asks_every_shard(conn, district):
    """Why the key must be in the query: a path prefix alone cannot be pruned to one shard."""
    shards = conn.execute(
        "SELECT shard_count FROM citus_tables WHERE table_name = 'members_member'::regclass"
    ).fetchone()[0]
    by_path = DISTRICT_MEMBERS.replace("district = %(d)s AND ", "")
    plan = plan_of(conn, by_path, {"prefix": district + "%"})
    assert f"Task Count: {shards}" in plan and shards > 1, plan


def test_the_apps_own_scoped_reads_of_a_district_go_to_one_shard(conn, district):
    """visible_to names the district's key (lib.scoping): the SQL Django makes for a district's
    staff, compiled as for any request, is planned on one shard."""
    staff = SimpleNamespace(is_authenticated=True, scope_path=district)
    reads = (
        Member.objects.visible_to(staff).filter(status="active").values("id", "name"),
        Unit.objects.visible_to(staff).filter(must_have_union=True).values("id"),
        Session.objects.visible_to(staff).values("id"),
    )
    for queryset in reads:
        sql, params = queryset.query.get_compiler(connection=connection).as_sql()
        plan = plan_of(conn, sql, params)
        assert "Task Count: 1\n" in plan and plan.count("Task Count") == 1, plan
