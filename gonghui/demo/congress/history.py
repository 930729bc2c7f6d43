"""The district's congresses since before 2012, written set-based: the congresses and the units
they cover, each term's representatives, a regular session a year with its items voted in the
room, the proposals of each session, and from 2015 the duty reports and assessments."""

import datetime
import json
import random
from collections import defaultdict
from typing import Any

from django.core.management.color import no_style
from django.db import connection
from django.db.models import Max
from django.utils import timezone

from gonghui.congress.models import (
    Assessment,
    Congress,
    CongressUnit,
    DutyReport,
    Item,
    Proposal,
    Representative,
    Session,
)
from gonghui.lib.bulk import insert_rows

from .plan import PERIOD_START, Plan, grade, plans
from .texts import DEPARTMENTS, PROPOSAL_TITLES, items_of, minutes_of

DAY = datetime.timedelta(days=1)
CONGRESS_COLUMNS = [
    "id",
    "node_id",
    "kind",
    "name",
    "established_on",
    "term_no",
    "term_started_on",
    "term_years",
    "seats",
    "frontline_share",
    "women_share",
    "status",
    "dissolved_on",
    "path",
]
REP_COLUMNS = [
    "id",
    "congress_id",
    "member_id",
    "term_no",
    "constituency",
    "frontline",
    "woman",
    "elected_on",
    "ended_on",
    "status",
    "path",
]
SESSION_COLUMNS = [
    "id",
    "congress_id",
    "term_no",
    "number",
    "kind",
    "title",
    "starts_at",
    "place",
    "status",
    "opened_at",
    "closed_at",
    "minutes",
    "resolutions",
    "path",
]
ITEM_COLUMNS = [
    "session_id",
    "order",
    "kind",
    "title",
    "material",
    "referral_id",
    "status",
    "opened_at",
    "closed_at",
    "votes_cast",
    "seated",
    "present",
    "tally",
    "outcome",
    "path",
]
PROPOSAL_COLUMNS = [
    "congress_id",
    "number",
    "title",
    "body",
    "proposer_id",
    "seconds",
    "status",
    "submitted_at",
    "decided_at",
    "decision_note",
    "department",
    "due_on",
    "answer",
    "answered_at",
    "rating",
    "rated_at",
    "path",
]


class Writer:
    def __init__(self, rng: random.Random, today: datetime.date) -> None:
        self.rng, self.today = rng, today
        self.tz = timezone.get_current_timezone()
        self.ids = {
            m: (m.unscoped.aggregate(n=Max("id"))["n"] or 0) + 1 for m in (Congress, Representative, Session)
        }
        self.rows: dict[str, list[list[Any]]] = defaultdict(list)

    def next(self, model: type[Congress] | type[Representative] | type[Session]) -> int:
        pk = self.ids[model]
        self.ids[model] += 1
        return pk

    def at(self, day: datetime.date, hour: int) -> datetime.datetime:
        return datetime.datetime.combine(day, datetime.time(hour), tzinfo=self.tz)

    def congress(self, plan: Plan) -> None:
        rng, cid = self.rng, self.next(Congress)
        number, started, _end = plan.terms[-1]
        kind = "unit" if len(plan.units) == 1 else "joint"
        self.rows["congress"].append(
            [
                cid,
                plan.union_id,
                kind,
                plan.name,
                plan.established,
                number,
                started,
                plan.term_years,
                plan.seats,
                "0.50",
                "0.30",
                "active",
                None,
                plan.union_path,
            ]
        )
        self.rows["units"] += [[cid, u.pk, plan.established, u.path] for u in plan.units]
        seats_by_term: dict[int, list[tuple[int, datetime.date, datetime.date | None]]] = {}
        for no, start, end in plan.terms:
            filled = max(3, plan.seats - rng.randrange(0, plan.seats // 10 + 1))
            seated = []
            for member_id, gender in rng.sample(plan.pool, filled):
                rid = self.next(Representative)
                self.rows["reps"].append(
                    [
                        rid,
                        cid,
                        member_id,
                        no,
                        "",
                        rng.random() < 0.62,
                        gender == "F",
                        start,
                        end,
                        "active" if end is None else "ended",
                        plan.union_path,
                    ]
                )
                seated.append((rid, start, end))
            seats_by_term[no] = seated
        self.sessions(plan, cid, seats_by_term)
        self.duties(plan, seats_by_term)

    def sessions(
        self, plan: Plan, cid: int, seats: dict[int, list[tuple[int, datetime.date, datetime.date | None]]]
    ) -> None:
        rng = self.rng
        numbers: dict[int, int] = defaultdict(int)
        for year in range(max(plan.established.year, PERIOD_START.year), self.today.year + 1):
            day = datetime.date(year, rng.choice((3, 4, 5)), rng.randrange(1, 29))
            term = next(((n, s, e) for n, s, e in plan.terms if s <= day and (e is None or day < e)), None)
            if term is None or day < plan.established or day >= self.today:
                continue
            no = term[0]
            numbers[no] += 1
            sid, starts = self.next(Session), self.at(day, 9)
            self.rows["sessions"].append(
                [
                    sid,
                    cid,
                    no,
                    numbers[no],
                    "regular",
                    f"第{no}届第{numbers[no]}次职工代表大会",
                    starts,
                    "职工活动中心",
                    "closed",
                    starts,
                    starts + datetime.timedelta(hours=3),
                    minutes_of(year),
                    "",
                    plan.union_path,
                ]
            )
            seated = len(seats[no])
            for order, (kind, title) in enumerate(items_of(rng, year), 1):
                self.rows["items"].append(self.item(sid, order, kind, title, seated, starts, plan.union_path))
            self.proposals(plan, cid, year, starts, seats[no])

    def item(
        self, sid: int, order: int, kind: str, title: str, seated: int, starts: datetime.datetime, path: str
    ) -> list[Any]:
        rng = self.rng
        present = max(-(-seated * 2 // 3), round(seated * rng.uniform(0.82, 1.0)))
        cast = present
        if kind == "appraise":
            satisfied = round(cast * rng.uniform(0.6, 0.85))
            fair = round((cast - satisfied) * 0.8)
            tally = {"satisfied": satisfied, "fair": fair, "unsatisfied": cast - satisfied - fair}
        else:
            yes = max(seated // 2 + 1, round(cast * rng.uniform(0.86, 1.0)))
            yes = min(yes, cast)
            against = (cast - yes) // 2
            tally = {"for": yes, "against": against, "abstain": cast - yes - against}
        opened = starts + datetime.timedelta(minutes=30 * order)
        return [
            sid,
            order,
            kind,
            title,
            "",
            None,
            "closed",
            opened,
            opened + datetime.timedelta(minutes=20),
            cast,
            seated,
            present,
            tally,
            "adopted",
            path,
        ]

    def proposals(
        self,
        plan: Plan,
        cid: int,
        year: int,
        starts: datetime.datetime,
        seats: list[tuple[int, datetime.date, datetime.date | None]],
    ) -> None:
        rng = self.rng
        for seq in range(1, rng.choice((0, 1, 1, 2, 2, 3)) + 1):
            submitted = starts - datetime.timedelta(days=rng.randrange(3, 20))
            title = rng.choice(PROPOSAL_TITLES)
            row = [
                cid,
                f"{year}-{seq:03d}",
                title,
                f"建议：{title}。",
                rng.choice(seats)[0],
                rng.randrange(2, 6),
                "submitted",
                submitted,
                None,
                "",
                "",
                None,
                "",
                None,
                None,
                None,
                plan.union_path,
            ]
            self._handle(row, submitted)
            self.rows["proposals"].append(row)

    def _handle(self, row: list[Any], submitted: datetime.datetime) -> None:
        """Move a proposal along its way, as far as its age allows."""
        rng, now = self.rng, timezone.now()
        decided = submitted + datetime.timedelta(days=rng.randrange(7, 20))
        if decided > now:
            return
        row[6], row[8] = ("declined", decided) if rng.random() < 0.05 else ("accepted", decided)
        if row[6] == "declined":
            row[9] = "属于个人诉求，转相关部门处理"
            return
        if rng.random() < 0.2:
            row[6] = "opinion"
        row[10], row[11] = rng.choice(DEPARTMENTS), (decided + datetime.timedelta(days=60)).date()
        assigned_at = decided + datetime.timedelta(days=3)
        if assigned_at > now:
            return
        row[6] = "assigned"
        answered = decided + datetime.timedelta(days=rng.randrange(15, 75))
        if answered > now or rng.random() < 0.04:
            return
        row[6], row[12], row[13] = "answered", "已研究落实，具体情况如下：已按提案建议办理。", answered
        rated = answered + datetime.timedelta(days=rng.randrange(3, 20))
        if rated <= now and rng.random() < 0.85:
            row[6], row[14], row[15] = "rated", rng.choices([3, 2, 1], [70, 24, 6])[0], rated

    def duties(
        self, plan: Plan, seats: dict[int, list[tuple[int, datetime.date, datetime.date | None]]]
    ) -> None:
        if plan.adopts_assessment is None:
            return
        rng = self.rng
        for year in range(plan.adopts_assessment, self.today.year):
            day = datetime.date(year, 12, 1)
            for seated in seats.values():
                for rid, start, end in seated:
                    if start <= day and (end is None or end > day):
                        self.rows["reports"].append(
                            [
                                rid,
                                year,
                                "本年度参加职代会、提出提案、联系职工情况。",
                                datetime.date(year, 12, rng.randrange(1, 20)),
                                plan.union_path,
                            ]
                        )
                        self.rows["assessments"].append(
                            [
                                rid,
                                year,
                                grade(rng, year),
                                datetime.date(year, 12, rng.randrange(20, 29)),
                                None,
                                plan.union_path,
                            ]
                        )

    def flush(self) -> dict[str, int]:
        tables = [
            (Congress, CONGRESS_COLUMNS, "congress"),
            (CongressUnit, ["congress_id", "unit_id", "since", "path"], "units"),
            (Representative, REP_COLUMNS, "reps"),
            (Session, SESSION_COLUMNS, "sessions"),
            (Item, ITEM_COLUMNS, "items"),
            (Proposal, PROPOSAL_COLUMNS, "proposals"),
            (DutyReport, ["representative_id", "year", "summary", "reported_on", "path"], "reports"),
            (
                Assessment,
                ["representative_id", "year", "grade", "assessed_on", "assessed_by_id", "path"],
                "assessments",
            ),
        ]
        for model, columns, key in tables:
            rows = self.rows[key]
            if model is Item or model is Proposal:
                rows = [self._json(row) for row in rows]
            insert_rows(model._meta.db_table, columns, rows)
        with connection.cursor() as cursor:  # explicit ids: move the sequences past them
            for sql in connection.ops.sequence_reset_sql(no_style(), [Congress, Representative, Session]):
                cursor.execute(sql)
        return {key: len(rows) for key, rows in self.rows.items()}

    @staticmethod
    def _json(row: list[Any]) -> list[Any]:
        return [json.dumps(v) if isinstance(v, dict) else v for v in row]


def write(rng: random.Random, today: datetime.date, keep: int | None) -> dict[str, int]:
    writer = Writer(rng, today)
    for plan in plans(rng, today, keep):
        writer.congress(plan)
    return writer.flush()
