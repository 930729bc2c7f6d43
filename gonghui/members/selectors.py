"""Read queries on members, grouped per union path for KPIs."""

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.utils import timezone

from gonghui.lib.db import fetch_all, first_per, per_path, sql_of
from gonghui.organizations.models import Unit

from .models import (
    IdProblem,
    JoinApplication,
    Member,
    MemberStatus,
    MemberStatusChange,
    RequestStatus,
    RosterImport,
    Transfer,
)


def counted_members_by_path(
    prefix: str, as_of: datetime.date | None = None, *, by_path: bool = True
) -> Iterable[Mapping[str, Any]]:
    """Active members with a clean ID per union path (or in all: `by_path`, lib.db.per_path): now,
    or at the end of the day `as_of` (per their union's path that day)."""
    if as_of is None:
        counted = Member.unscoped.filter(
            path__startswith=prefix, status=MemberStatus.ACTIVE, id_problem=IdProblem.NONE
        )
        return per_path(counted, prefix, (), by_path=by_path, n=Count("id"))
    sql, params = members_counted_on(prefix, as_of)
    using = Member.unscoped.db
    if not by_path:
        [(n,)] = fetch_all(using, f"SELECT COUNT(*) FROM ({sql}) t", params)
        return [{"path": prefix, "n": n}]
    by_then = fetch_all(using, f"SELECT t.path_then, COUNT(*) FROM ({sql}) t GROUP BY t.path_then", params)
    return [{"path": path, "n": n} for path, n in by_then]


def members_counted_on(prefix: str, day: datetime.date) -> tuple[str, list[Any]]:
    """The members of the subtree counted at the end of `day`, from the records' history: SQL
    of rows (id, unit_id, district, path_then: their union's path that day) and its parameters.
    A member counts if they had joined by then, and their status and union are those before
    the first change after that day (a status change, an approved transfer), or today's when
    nothing changed since. A record's creation (no previous status) is not a change: a member
    imported later with an earlier joining date was a member then.

    Each member's first change is read in one pass over the changes since then and joined to the
    members: looked up member by member, the district's members at ten times the scale took
    26 s as of 2016-12-31, against 1.9 s (and a cluster can run this one, its history tables
    being local to the coordinator)."""
    after = _day_end(day)
    members = (
        Member.unscoped.filter(in_subtree_since(prefix, after))
        .filter(joined_on__lte=day, id_problem=IdProblem.NONE)
        .values("id", "unit_id", "district", "path", "status")
    )
    statuses = MemberStatusChange.objects.filter(at__gte=after).exclude(from_status="")
    moves = Transfer.unscoped.filter(status=RequestStatus.APPROVED, decided_at__gte=after)
    (m, m_params), (s, s_params), (v, v_params) = (
        sql_of(members),
        sql_of(first_per(statuses, "member_id", ("at", "id"), "from_status")),
        sql_of(first_per(moves, "member_id", ("decided_at", "id"), "from_path")),
    )
    sql = (
        "SELECT m.id, m.unit_id, m.district, COALESCE(v.from_path, m.path) AS path_then"
        f" FROM ({m}) m LEFT JOIN ({s}) s ON s.member_id = m.id LEFT JOIN ({v}) v ON v.member_id = m.id"
        " WHERE COALESCE(s.from_status, m.status) = %s AND SUBSTR(COALESCE(v.from_path, m.path), 1, %s) = %s"
    )
    return sql, [*m_params, *s_params, *v_params, MemberStatus.ACTIVE, len(prefix), prefix]


def in_subtree_since(prefix: str, after: datetime.datetime, member: str = "pk") -> Q:
    """Rows of the subtree's members now, or of those who left it by a transfer since `after`
    (a card follows its member: `member="member_id"` for the cards of the same people)."""
    return Q(path__startswith=prefix) | Q(**{f"{member}__in": _moved_out(prefix, after)})


MOVED_OUT_LISTED = 10_000


def _moved_out(prefix: str, after: datetime.datetime) -> QuerySet[Transfer, Any] | list[int]:
    """The members who have left the subtree since `after` by a transfer (one of their moves
    since then went from inside it to outside). Usually few: as a list of ids, PostgreSQL
    reads the subtree's members by their path index and these by id; an `IN (subquery)`
    ORed with the path makes it read every member of the table (25 s for a street at ten
    times the scale)."""
    out = Transfer.unscoped.filter(
        from_path__startswith=prefix, status=RequestStatus.APPROVED, decided_at__gte=after
    ).exclude(path__startswith=prefix)
    ids = list(out.values_list("member_id", flat=True).distinct()[: MOVED_OUT_LISTED + 1])
    return ids if len(ids) <= MOVED_OUT_LISTED else out.values("member_id")


def _day_end(day: datetime.date) -> datetime.datetime:
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min)
    return timezone.make_aware(midnight)


def new_members(prefix: str, start: datetime.date, end: datetime.date) -> int:
    """Members who joined between the two days (both included), whatever their status now."""
    return Member.unscoped.filter(
        path__startswith=prefix, id_problem=IdProblem.NONE, joined_on__gte=start, joined_on__lte=end
    ).count()


def new_members_by_path_year(prefix: str, *, by_path: bool = True) -> Iterable[Mapping[str, Any]]:
    """Members who joined each year, whatever their status now; flagged records count for nothing."""
    joined = Member.unscoped.filter(path__startswith=prefix, id_problem=IdProblem.NONE)
    return per_path(
        joined.annotate(year=ExtractYear("joined_on")), prefix, ("year",), by_path=by_path, n=Count("id")
    )


def flagged_members_count(prefix: str) -> int:
    return Member.unscoped.filter(path__startswith=prefix).exclude(id_problem=IdProblem.NONE).count()


def units_open_for_joining(query: str) -> list[Unit]:
    """Units a worker can name when applying: covered by a union, matched by full name or USCC.
    Company names and codes are public; nothing else about the unit is returned."""
    text = query.strip()
    if not text:
        return []
    return list(
        Unit.unscoped.filter(Q(name=text) | Q(uscc=text.upper()), union__isnull=False)
        .select_related("union")
        .only("id", "name", "union_id", "union__path", "union__name")[:2]
    )


def own_member(user: Any) -> Member | None:
    return Member.objects.visible_to(user).select_related("union").first()


def applications_of(user: Any) -> list[JoinApplication]:
    return list(
        JoinApplication.objects.visible_to(user).select_related("unit").order_by("-submitted_at")[:10]
    )


def roster_import_of(member: Member, user: Any) -> RosterImport | None:
    """The import that created the member, if the user may see it: the one whose range of new
    member numbers holds the member's (numbers are zero-padded, so text order is number order)."""
    return (
        RosterImport.objects.visible_to(user)
        .filter(
            status=RosterImport.Status.DONE,
            first_member_no__lte=member.member_no,
            last_member_no__gte=member.member_no,
        )
        .exclude(first_member_no="")
        .select_related("created_by")
        .first()
    )
