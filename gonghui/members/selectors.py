"""Read queries on members, grouped per union path for KPIs."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear

from gonghui.organizations.models import Unit

from .models import IdProblem, JoinApplication, Member, MemberStatus, RosterImport


def counted_members_by_path(prefix: str) -> Iterable[Mapping[str, Any]]:
    return (
        Member.unscoped.filter(path__startswith=prefix, status=MemberStatus.ACTIVE, id_problem=IdProblem.NONE)
        .values("path")
        .annotate(n=Count("id"))
        .order_by()
    )


def new_members_by_path_year(prefix: str) -> Iterable[Mapping[str, Any]]:
    """Members who joined each year, whatever their status now; flagged records count for nothing."""
    return (
        Member.unscoped.filter(path__startswith=prefix, id_problem=IdProblem.NONE)
        .annotate(year=ExtractYear("joined_on"))
        .values("path", "year")
        .annotate(n=Count("id"))
        .order_by()
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
