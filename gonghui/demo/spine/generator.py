"""The generator of the demo district's tree, units and members (see targets.py for what it aims at)."""

import datetime
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils import timezone
from stdnum.cn import uscc

from gonghui.lib.bulk import insert_rows
from gonghui.lib.crypto import cipher
from gonghui.lib.masking import mask_id, mask_phone
from gonghui.lib.pinyin import initials
from gonghui.lib.scoping import district_of
from gonghui.members.identity import id_blind_index, phone_blind_index
from gonghui.members.models import MEMBER_COLUMNS, Member
from gonghui.organizations.models import Node, Unit

from .. import people
from .later import Leavers, cover_later, later_join
from .targets import (
    AS_OF,
    INDUSTRY_WEIGHTS,
    MEMBERSHIP_RATE,
    OWNERSHIP_WEIGHTS,
    PERIOD_START,
    STREETS,
    UNIT_SUFFIXES,
    UNIT_WORDS,
    UnitDraft,
    scaled,
)


@dataclass
class Generator:
    scale: float
    seed: int
    rng: random.Random = field(init=False)
    ids_seen: set[str] = field(default_factory=set)
    phones_seen: set[str] = field(default_factory=set)
    units_named: int = 0
    recent_quota: int = 0
    old_remaining: int = 0

    def __post_init__(self) -> None:
        self.rng = random.Random(self.seed)

    # --- the tree -------------------------------------------------------
    def build_tree(self) -> tuple[Node, list[Node], list[Node]]:
        district = Node.objects.add_root(
            {"name": "杨浦区总工会", "kind": Node.Kind.DISTRICT, "founded_on": datetime.date(1950, 5, 1)}
        )
        streets = [
            Node.objects.add_child(district, {"name": name, "kind": Node.Kind.STREET})
            for name, _slug in STREETS
        ]
        drafts: list[tuple[Node, str, str, datetime.date]] = []
        for kind, label in (
            ("industry", "行业工会"),
            ("park", "园区工会"),
            ("building", "楼宇工会"),
            ("regional", "区域联合工会"),
        ):
            for i in range(scaled(kind, self.scale)):
                street = streets[i % len(streets)]
                words = self.rng.choice(UNIT_WORDS) + self.rng.choice(UNIT_WORDS)
                name = f"{street.name.removesuffix('街道')}{words}{label}"
                drafts.append((street, name, kind, self.day(datetime.date(2003, 1, 1), AS_OF)))
        middles = self.bulk_children(drafts)
        return district, streets, middles

    def bulk_children(self, drafts: Sequence[tuple[Node, str, str, datetime.date | None]]) -> list[Node]:
        """Children added with computed materialized paths, in one insert."""
        parents = {parent.pk for parent, *_rest in drafts}
        existing = dict(Node.objects.filter(pk__in=parents).values_list("pk", "numchild"))
        added: dict[int, int] = defaultdict(int)
        nodes = []
        for parent, name, kind, founded in drafts:
            added[parent.pk] += 1
            path = Node._get_path(parent.path, parent.depth + 1, existing[parent.pk] + added[parent.pk])
            nodes.append(Node(name=name, kind=kind, founded_on=founded, path=path, depth=parent.depth + 1))
        Node.objects.bulk_create(nodes, batch_size=2000)
        for parent_pk, n in added.items():
            Node.objects.filter(pk=parent_pk).update(numchild=existing[parent_pk] + n)
        return list(Node.objects.filter(path__in=[n.path for n in nodes]))

    # --- units and grassroots unions --------------------------------------
    def build_units(self, streets: list[Node], middles: list[Node]) -> tuple[list[UnitDraft], list[Node]]:
        n_unions, n_covered = scaled("grassroots", self.scale), scaled("covered", self.scale)
        n_covered = max(n_covered, n_unions)
        drafts = [
            UnitDraft(name=self._unit_name(), street=self.rng.choice(streets)) for _ in range(n_covered)
        ]
        # Each grassroots union covers at least one unit; joint unions cover the rest.
        hosts = drafts[:n_unions]
        middles_by_street: dict[int, list[Node]] = defaultdict(list)
        for middle in middles:
            middles_by_street[Node.objects.get_parent(middle).pk].append(middle)
        union_drafts = []
        for unit in hosts:
            options = middles_by_street[unit.street.pk]
            parent = self.rng.choice(options) if options and self.rng.random() < 0.55 else unit.street
            union_drafts.append((parent, f"{unit.name}工会", Node.Kind.GRASSROOTS, None))
        unions = self.bulk_children(union_drafts)
        by_name = {u.name: u for u in unions}
        for unit in hosts:
            unit.union = by_name[f"{unit.name}工会"]
        for unit in drafts[n_unions:]:
            unit.union = self.rng.choice(unions)
            unit.street = self._street_of(unit.union, streets)
        self._date_coverage(drafts)
        self._set_founding(unions, drafts)
        eligible_uncovered = max(0, scaled("eligible", self.scale) - n_covered)
        drafts += [
            UnitDraft(name=self._unit_name(), street=self.rng.choice(streets))
            for _ in range(eligible_uncovered)
        ]
        drafts += [
            UnitDraft(name=self._unit_name(), street=self.rng.choice(streets), eligible=False)
            for _ in range(scaled("small_units", self.scale))
        ]
        self._size_workforce(drafts)
        cover_later(self, drafts, streets)
        return drafts, unions

    def _street_of(self, union: Node, streets: list[Node]) -> Node:
        return next(s for s in streets if union.path.startswith(s.path))

    def _date_coverage(self, covered: list[UnitDraft]) -> None:
        new = set(self.rng.sample(range(len(covered)), min(len(covered), scaled("new_units", self.scale))))
        for i, unit in enumerate(covered):
            if i in new:
                unit.covered_on = self.day(PERIOD_START, AS_OF)
            else:
                unit.covered_on = self.day(datetime.date(1985, 1, 1), datetime.date(2011, 12, 31))

    def _set_founding(self, unions: list[Node], covered: list[UnitDraft]) -> None:
        first: dict[int, datetime.date] = {}
        for unit in covered:
            assert unit.union and unit.covered_on
            first[unit.union.pk] = min(first.get(unit.union.pk, unit.covered_on), unit.covered_on)
        for union in unions:
            union.founded_on = first[union.pk]
        Node.objects.bulk_update(unions, ["founded_on"], batch_size=2000)

    def _size_workforce(self, drafts: list[UnitDraft]) -> None:
        covered = [u for u in drafts if u.union]
        raw = [self.rng.lognormvariate(2.6, 1.0) * (0.3 if u.is_new else 1.0) for u in covered]
        workers_target = scaled("members", self.scale) / MEMBERSHIP_RATE
        factor = workers_target / sum(raw)
        for unit, size in zip(covered, raw, strict=True):
            unit.workforce = max(3, round(size * factor))
        members_target = scaled("members", self.scale)
        total_workers = sum(u.workforce for u in covered)
        for unit in covered:
            unit.members = min(unit.workforce, round(unit.workforce * members_target / total_workers))
        for unit in drafts:
            if not unit.union:
                unit.workforce = self.rng.randrange(25, 120) if unit.eligible else self.rng.randrange(2, 25)

    def save_units(self, drafts: list[UnitDraft]) -> dict[str, int]:
        columns = [
            "name",
            "uscc",
            "industry",
            "ownership",
            "workforce",
            "street_id",
            "address",
            "must_have_union",
            "union_id",
            "covered_on",
            "path",
            "district",
        ]
        rows = []
        for unit in drafts:
            node = unit.union or unit.street
            rows.append(
                [
                    unit.name,
                    self._uscc(),
                    self._weighted(INDUSTRY_WEIGHTS),
                    self._weighted(OWNERSHIP_WEIGHTS),
                    unit.workforce,
                    unit.street.pk,
                    f"上海市杨浦区{unit.street.name}{self.rng.randrange(1, 999)}号",
                    unit.eligible,
                    unit.union.pk if unit.union else None,
                    unit.covered_on,
                    node.path,
                    district_of(node.path),
                ]
            )
        insert_rows(Unit._meta.db_table, columns, rows)
        return dict(Unit.unscoped.values_list("name", "id"))

    # --- members ----------------------------------------------------------
    def save_members(self, drafts: list[UnitDraft], unit_ids: dict[str, int]) -> int:
        covered = [u for u in drafts if u.union]
        new_unit_members = sum(u.members for u in covered if u.is_new)
        old_unit_members = sum(u.members for u in covered if not u.is_new and not u.is_later)
        # Members of units covered before 2012 share what is left of the period's
        # new-member target (after the new units' members, and those of them who have left
        # since, who joined in the period too); the quota is spent as rows are drawn, so the
        # total lands on it.
        self.recent_quota = scaled("new_members", self.scale) - round(new_unit_members * 1.05)
        self.old_remaining = old_unit_members
        columns = MEMBER_COLUMNS
        now = timezone.now()
        counter = iter(range(1, 10**9))
        leavers = Leavers(self)

        def rows():
            for unit in covered:
                for _ in range(unit.members):
                    row = self._member_row(unit, unit_ids[unit.name], next(counter), now)
                    left = None if unit.is_later else leavers.maybe_leave(row)
                    yield row
                    if left is not None:  # someone new takes the place
                        joined = leavers.replacement_day(left)
                        yield self._member_row(unit, unit_ids[unit.name], next(counter), now, joined=joined)
                for _ in range(0 if unit.is_later else self._extras(unit.members)):
                    yield self._member_row(
                        unit,
                        unit_ids[unit.name],
                        next(counter),
                        now,
                        status=self.rng.choice(["left", "retired", "transferred"]),
                    )
            for _ in range(max(2, round(scaled("members", self.scale) * 0.001))):
                unit = self.rng.choice(covered)
                yield self._member_row(unit, unit_ids[unit.name], next(counter), now, problem=True)

        saved = insert_rows(Member._meta.db_table, columns, rows())
        leavers.save()
        return saved

    def _extras(self, members: int) -> int:
        expected = members * 0.05
        return int(expected) + (1 if self.rng.random() < expected - int(expected) else 0)

    def _member_row(
        self,
        unit: UnitDraft,
        unit_id: int,
        number: int,
        now: datetime.datetime,
        status: str = "active",
        problem: bool = False,
        joined: datetime.date | None = None,
    ) -> list:
        rng = self.rng
        male = rng.random() < 0.55
        migrant = rng.random() < 0.35
        birth = people.birth_date(rng, as_of=AS_OF)
        id_no = self._unique_id(birth, male, migrant)
        id_problem = ""
        if problem:
            id_no, id_problem = id_no[:-1] + ("0" if id_no[-1] != "0" else "1"), "invalid"
        phone = self._unique_phone()
        name = people.person_name(rng)
        joined = joined or self._join_date(unit, birth, counted=status == "active" and not problem)
        hukou = ("migrant_rural" if rng.random() < 0.6 else "migrant_urban") if migrant else "local_urban"
        encrypt = cipher().encrypt
        return [
            name,
            initials(name),
            "M" if male else "F",
            birth,
            "汉族",
            "resident",
            encrypt(id_no),
            id_blind_index(id_no),
            mask_id(id_no),
            id_problem,
            self._weighted({"junior": 2, "senior": 3, "college": 3, "bachelor": 3, "postgraduate": 1}),
            self._weighted({"masses": 7, "cpc": 2, "league": 2}),
            hukou,
            "",
            "上海市杨浦区",
            encrypt(phone),
            phone_blind_index(phone),
            mask_phone(phone),
            unit_id,
            "",
            "employed" if status != "retired" else "retired",
            self._weighted({"": 6, "5": 2, "4": 2, "3": 1, "2": 1}),
            rng.random() < 0.002,
            joined,
            f"M{number:09d}",
            "",
            unit.covering.pk,
            status,
            "",
            "",
            unit.covering.path,
            district_of(unit.covering.path),
            now,
        ]

    def _join_date(self, unit: UnitDraft, birth: datetime.date, counted: bool) -> datetime.date:
        adult = datetime.date(birth.year + 18, birth.month, min(birth.day, 28))
        start = max(unit.covered_on or adult, adult)
        if unit.is_later:
            return later_join(self, unit, start)
        if unit.is_new:
            return self.day(start, AS_OF)
        if not counted:  # those who have left since joined before the period
            return self.day(min(start, datetime.date(2011, 12, 31)), datetime.date(2011, 12, 31))
        self.old_remaining -= 1
        if start >= PERIOD_START or self.rng.random() < self.recent_quota / max(1, self.old_remaining + 1):
            self.recent_quota -= 1
            return self.day(max(start, PERIOD_START), AS_OF)
        return self.day(start, datetime.date(2011, 12, 31))

    def _unique_id(self, birth: datetime.date, male: bool, migrant: bool) -> str:
        while True:
            number = people.id_number(self.rng, birth=birth, male=male, migrant=migrant)
            if number not in self.ids_seen:
                self.ids_seen.add(number)
                return number

    def _unique_phone(self) -> str:
        while True:
            phone = people.mobile(self.rng)
            if phone not in self.phones_seen:
                self.phones_seen.add(phone)
                return phone

    # --- small helpers ------------------------------------------------------
    def day(self, start: datetime.date, end: datetime.date) -> datetime.date:
        if end <= start:
            return start
        return start + datetime.timedelta(days=self.rng.randrange((end - start).days + 1))

    def _weighted(self, weights: dict[str, int]) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def _unit_name(self) -> str:
        """Unique by construction: the running number tells same-worded firms apart."""
        self.units_named += 1
        words = "".join(self.rng.choice(UNIT_WORDS) for _ in range(2))
        return f"上海{words}{self.units_named}{self.rng.choice(UNIT_SUFFIXES)}"

    def _uscc(self) -> str:
        alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
        body = "91310110" + "".join(self.rng.choice(alphabet) for _ in range(9))
        return body + uscc.calc_check_digit(body + "0")
