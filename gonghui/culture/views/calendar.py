"""The staff calendar: a month or a week as a grid, Monday first, today marked, filtered by
circle and category. Venue staff see their venues' sessions, the back office its subtree."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.http import AuthedRequest

from .. import selectors
from ..forms import CalendarForm
from ..models import Session
from .staff import culture_staff_required

MONTH_CELL_SESSIONS = 3


@dataclass
class Cell:
    day: datetime.date
    in_range: bool
    today: bool
    sessions: list[Session] = field(default_factory=list)
    more: int = 0


def _month_bounds(month: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = month - datetime.timedelta(days=month.weekday())
    next_month = (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    month_end = next_month - datetime.timedelta(days=1)
    last = month_end + datetime.timedelta(days=6 - month_end.weekday())
    return first, last


def _weeks(
    first: datetime.date, last: datetime.date, inside: range | None, days: dict, limit: int | None
) -> list[list[Cell]]:
    today = timezone.localdate()
    weeks: list[list[Cell]] = []
    day = first
    while day <= last:
        if day.weekday() == 0:
            weeks.append([])
        sessions = days.get(day, [])
        shown = sessions if limit is None else sessions[:limit]
        weeks[-1].append(
            Cell(
                day=day,
                in_range=inside is None or day.month in inside,
                today=day == today,
                sessions=shown,
                more=len(sessions) - len(shown),
            )
        )
        day += datetime.timedelta(days=1)
    return weeks


@culture_staff_required
def session_list(request: AuthedRequest) -> HttpResponse:
    form = CalendarForm(request.GET)
    if not form.is_valid():
        return HttpResponseBadRequest(_("月份格式应为 YYYY-MM，日期格式应为 YYYY-MM-DD。"))
    data = form.cleaned_data
    today = timezone.localdate()
    sessions = Session.objects.visible_to(request.user)
    if data["circle"]:
        sessions = sessions.filter(venue__circle=data["circle"])
    if data["category"]:
        sessions = sessions.filter(programme__category=data["category"])
    if data["view"] == "week":
        anchor = data["week"] or today
        first = anchor - datetime.timedelta(days=anchor.weekday())
        last = first + datetime.timedelta(days=6)
        weeks = _weeks(first, last, None, selectors.sessions_by_day(sessions, first, last), None)
        prev, nxt = first - datetime.timedelta(days=7), first + datetime.timedelta(days=7)
        context: dict[str, Any] = {"prev": {"week": f"{prev:%Y-%m-%d}"}, "next": {"week": f"{nxt:%Y-%m-%d}"}}
        context["heading"] = _("%(first)s 至 %(last)s") % {
            "first": f"{first:%Y-%m-%d}",
            "last": f"{last:%Y-%m-%d}",
        }
        context["switch"] = {"month": f"{anchor:%Y-%m}", "week": f"{first:%Y-%m-%d}"}
    else:
        month = data["month"] or today.replace(day=1)
        first, last = _month_bounds(month)
        days = selectors.sessions_by_day(sessions, first, last)
        weeks = _weeks(first, last, range(month.month, month.month + 1), days, MONTH_CELL_SESSIONS)
        prev = (month - datetime.timedelta(days=1)).replace(day=1)
        nxt = (month + datetime.timedelta(days=32)).replace(day=1)
        context = {"prev": {"month": f"{prev:%Y-%m}"}, "next": {"month": f"{nxt:%Y-%m}"}, "month": month}
        in_month = today if (today.year, today.month) == (month.year, month.month) else month
        context["switch"] = {"month": f"{month:%Y-%m}", "week": f"{in_month:%Y-%m-%d}"}
    context.update(
        form=form,
        view=data["view"] or "month",
        weeks=weeks,
        weekdays=[_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日")],
        today=today,
        filters={"circle": data["circle"], "category": data["category"]},
    )
    return render(request, "culture/session_list.html", context)
