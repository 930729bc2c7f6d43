"""The city's rows, made by the database: one INSERT … SELECT per table.

Shanghai, 2015: 51,639 grassroots unions, 279,000 employer units, 8,567,000 members, in 16
districts and about 215 streets and towns. Districts are sized by their resident population
(2015, 万人), so Pudong is about a quarter of the city, as it is. `scale` multiplies unions,
units and members; the districts and streets stay whole.

The tree is treebeard's materialized path (steplen 4): the city is "0001", a district
"0001XXXX", a street 12 characters, a union 16. The step is written in hex, a subset of
treebeard's base-36 alphabet whose fixed-width order is the numeric one, so treebeard can go
on adding children. Every row carries `district`, the path's first 8 characters: the
distribution key on Citus, an ordinary column on a single PostgreSQL.
"""

import time
from dataclasses import dataclass
from typing import Any

from .citus import add_key_columns

CITY_UNIONS = 51_639
CITY_UNITS = 279_000
CITY_MEMBERS = 8_567_000
CITY_STREETS = 215
ROOT_PATH = "0001"
DISTRICT_LEN = 8

# (name, residents in 2015, 万人)
DISTRICTS = [
    ("浦东新区", 547),
    ("黄浦区", 68),
    ("徐汇区", 109),
    ("长宁区", 69),
    ("静安区", 107),
    ("普陀区", 129),
    ("虹口区", 82),
    ("杨浦区", 131),
    ("闵行区", 254),
    ("宝山区", 203),
    ("嘉定区", 157),
    ("金山区", 80),
    ("松江区", 176),
    ("青浦区", 121),
    ("奉贤区", 116),
    ("崇明区", 69),
]

# Tables the generator fills, in dependency order.
TABLES = ["organizations_node", "organizations_unit", "members_member"]


@dataclass(frozen=True)
class District:
    n: int
    name: str
    path: str
    streets: int
    unions: int
    units: int
    members: int


def shares(total: int, weights: list[int], minimum: int = 0) -> list[int]:
    """Split total by weights (largest remainder), each at least `minimum`."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    counts = [max(minimum, int(r)) for r in raw]
    order = sorted(range(len(weights)), key=lambda i: raw[i] - int(raw[i]), reverse=True)
    for i in order[: max(0, total - sum(counts))]:
        counts[i] += 1
    return counts


def hexstep(n: int) -> str:
    return f"{n:04X}"


def plan(scale: float) -> list[District]:
    weights = [w for _name, w in DISTRICTS]
    streets = shares(CITY_STREETS, weights, minimum=5)
    unions = shares(max(16, round(CITY_UNIONS * scale)), weights, minimum=1)
    units = shares(max(16, round(CITY_UNITS * scale)), weights, minimum=1)
    members = shares(max(16, round(CITY_MEMBERS * scale)), weights, minimum=1)
    return [
        District(i + 1, name, ROOT_PATH + hexstep(i + 1), streets[i], unions[i], units[i], members[i])
        for i, (name, _w) in enumerate(DISTRICTS)
    ]


_NODES = """
INSERT INTO organizations_node (path, depth, numchild, name, kind, founded_on, chair_name, district)
SELECT %(root)s::varchar, 1, 16, '上海市总工会', 'city', NULL::date, '', NULL::varchar
UNION ALL
SELECT d.path, 2, d.streets, d.name || '总工会', 'district', NULL, '', d.path FROM city_plan d
UNION ALL
SELECT d.path || lpad(upper(to_hex(s)), 4, '0'), 3, 0, d.name || '第' || s || '街镇工会', 'street', NULL, '',
       d.path
FROM city_plan d CROSS JOIN LATERAL generate_series(1, d.streets) s;

INSERT INTO organizations_node (path, depth, numchild, name, kind, founded_on, chair_name, district)
SELECT d.path || lpad(upper(to_hex(k %% d.streets + 1)), 4, '0')
         || lpad(upper(to_hex(k / d.streets + 1)), 4, '0'),
       4, 0, d.name || '第' || (k + 1) || '基层工会', 'grassroots', date '1990-01-01' + (k * 97) %% 12000,
       '', d.path
FROM city_plan d CROSS JOIN LATERAL generate_series(0, d.unions - 1) k;

UPDATE organizations_node s SET numchild = c.n
FROM (SELECT left(path, 12) AS parent, count(*) AS n FROM organizations_node WHERE depth = 4 GROUP BY 1) c
WHERE s.path = c.parent;

CREATE TEMP TABLE city_union AS
SELECT u.id, u.path, u.district, s.id AS street_id,
       row_number() OVER (PARTITION BY u.district ORDER BY u.path) - 1 AS ord, NULL::bigint AS unit_id
FROM organizations_node u JOIN organizations_node s ON s.path = left(u.path, 12)
WHERE u.depth = 4;
CREATE INDEX ON city_union (district, ord);
ANALYZE city_union;
"""

_UNITS = """
INSERT INTO organizations_unit (name, uscc, industry, ownership, workforce, street_id, address,
                                must_have_union, union_id, covered_on, path, district)
SELECT d.name || '单位' || k, '9131' || lpad(d.n::text, 2, '0') || lpad(k::text, 12, '0'),
       substr('CFGHIJKLMPQ', 1 + k %% 11, 1),
       (ARRAY['110','159','170','170','170','300','400','500'])[1 + k %% 8],
       5 + (k * 7919) %% 300, u.street_id, '',
       (k * 31) %% 10 <> 0,
       CASE WHEN covered THEN u.id END,
       CASE WHEN covered THEN date '2000-01-01' + (k * 61) %% 9000 END,
       CASE WHEN covered THEN u.path ELSE left(u.path, 12) END,
       d.path
FROM city_plan d
CROSS JOIN LATERAL generate_series(0, d.units - 1) k
CROSS JOIN LATERAL (SELECT (k * 2654435761) %% 100 < 85 AS covered) c
JOIN city_union u ON u.district = d.path AND u.ord = k %% d.unions;

UPDATE city_union c SET unit_id = f.id
FROM (SELECT union_id, min(id) AS id FROM organizations_unit WHERE union_id IS NOT NULL GROUP BY 1) f
WHERE f.union_id = c.id;
"""

_MEMBERS = """
INSERT INTO members_member (name, name_initials, gender, birth_date, ethnicity, id_type, id_number,
    id_index, id_masked, id_problem, education, political_status, hukou_type, hukou_place, residence,
    phone, phone_index, phone_masked, unit_id, position, employment, skill_level, is_model_worker,
    joined_on, member_no, card_no, union_id, status, emergency_contact, emergency_phone, path,
    created_at, district)
SELECT (ARRAY['王','李','张','刘','陈','杨','黄','赵','吴','周'])[1 + k %% 10]
         || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋'])[1 + (k / 10) %% 10],
       (ARRAY['W','L','Z','L','C','Y','H','Z','W','Z'])[1 + k %% 10] || 'X',
       CASE WHEN k %% 2 = 0 THEN 'M' ELSE 'F' END,
       date '1960-01-01' + (k * 13) %% 15000, '汉族', 'resident',
       'a1:' || encode(decode(h1 || h2 || h3, 'hex'), 'base64'),
       h1 || left(h2, 8), '310***********' || lpad((k %% 10000)::text, 4, '0'),
       CASE WHEN k %% 200 = 7 THEN 'duplicate' ELSE '' END,
       (ARRAY['senior','college','bachelor','bachelor','postgraduate','junior'])[1 + k %% 6],
       (ARRAY['masses','masses','masses','cpc','league'])[1 + k %% 5],
       (ARRAY['local_urban','local_urban','migrant_urban','migrant_rural'])[1 + k %% 4], '', '',
       'a1:' || encode(decode(h2 || left(h3, 40), 'hex'), 'base64'),
       h3 || left(h1, 8), '138****' || lpad((k %% 10000)::text, 4, '0'),
       u.unit_id, '', 'employed', '', k %% 997 = 0,
       date '1990-01-01' + (k * 37) %% 12000, 'SH' || lpad(d.n::text, 2, '0') || lpad(k::text, 10, '0'), '',
       u.id, CASE WHEN k %% 50 = 3 THEN 'left' WHEN k %% 50 = 5 THEN 'retired' ELSE 'active' END,
       '', '', u.path, now(), d.path
FROM city_plan d
CROSS JOIN LATERAL generate_series(0, d.members - 1) k
CROSS JOIN LATERAL (SELECT md5(d.path || k) AS h1, md5(k || d.path) AS h2, md5(d.n || 'p' || k) AS h3) h
JOIN city_union u ON u.district = d.path AND u.ord = k %% d.unions;
"""


def load_city(cursor: Any, scale: float, *, log: Any = print) -> dict[str, float]:
    """Fill an empty, migrated database with the city; returns seconds per step."""
    cursor.execute("SELECT count(*) FROM organizations_node")
    if cursor.fetchone()[0]:
        raise RuntimeError("organizations_node is not empty: the city loads into an empty database")
    add_key_columns(cursor)
    districts = plan(scale)
    cursor.execute(
        "CREATE TEMP TABLE city_plan (n int, name text, path text, streets int, unions int, units int,"
        " members int)"
    )
    cursor.executemany(
        "INSERT INTO city_plan VALUES (%s, %s, %s, %s, %s, %s, %s)",
        [(d.n, d.name, d.path, d.streets, d.unions, d.units, d.members) for d in districts],
    )
    timings: dict[str, float] = {}
    for step, sql in (("nodes", _NODES), ("units", _UNITS), ("members", _MEMBERS)):
        started = time.perf_counter()
        for statement in filter(str.strip, sql.split(";\n")):
            cursor.execute(statement, {"root": ROOT_PATH} if "%(root)s" in statement else {})
        timings[step] = round(time.perf_counter() - started, 2)
        log(f"city: {step} in {timings[step]} s")
    cursor.execute("DROP TABLE city_plan")
    cursor.execute("DROP TABLE city_union")
    return timings


def analyze(cursor: Any) -> None:
    """Statistics for the fresh rows; after the load's commit (on Citus, ANALYZE runs on every
    shard in parallel, which a transaction that has already written locally cannot do)."""
    for table in TABLES:
        cursor.execute(f"ANALYZE {table}")
