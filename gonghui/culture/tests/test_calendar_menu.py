"""The staff calendar is a grid (a month of whole weeks, or one week) with today marked and
filters; the member's menu filters, sorts and pages."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.culture.models import Programme
from gonghui.culture.views.portal import MENU_PAGE_SIZE

from .test_pages import client_for

pytestmark = pytest.mark.django_db


def test_the_month_is_a_grid_of_whole_weeks_with_today_marked(culture, district):
    session = culture.session(starts_in=datetime.timedelta(hours=30))
    page = client_for(district.users["district"]).get(reverse("culture:sessions")).content.decode()
    days = re.findall(r'data-day="(\d{4}-\d{2}-\d{2})"', page)
    first, last = datetime.date.fromisoformat(days[0]), datetime.date.fromisoformat(days[-1])
    assert len(days) % 7 == 0 and first.weekday() == 0 and last.weekday() == 6
    today = timezone.localdate()
    assert re.search(rf'class="[^"]*today"[^>]*aria-current="date" data-day="{today:%Y-%m-%d}"', page)
    if timezone.localdate(session.starts_at).month == today.month:
        assert reverse("culture:session", args=[session.pk]) in page


def test_the_week_view_and_the_circle_filter(culture, district):
    session = culture.session(starts_in=datetime.timedelta(hours=30))
    client = client_for(district.users["district"])
    day = timezone.localdate(session.starts_at)
    week = client.get(
        reverse("culture:sessions"), {"view": "week", "week": f"{day:%Y-%m-%d}"}
    ).content.decode()
    assert len(re.findall(r'data-day="', week)) == 7 and reverse("culture:session", args=[session.pk]) in week
    other = client.get(
        reverse("culture:sessions"), {"view": "week", "week": f"{day:%Y-%m-%d}", "circle": "west"}
    ).content.decode()
    assert reverse("culture:session", args=[session.pk]) not in other
    assert client.get(reverse("culture:sessions"), {"week": "2016-13-40", "view": "week"}).status_code == 400


def test_the_member_menu_filters_sorts_and_pages(culture, district):
    sessions = [
        culture.session(starts_in=datetime.timedelta(days=3, hours=i)) for i in range(MENU_PAGE_SIZE + 2)
    ]
    member = client_for(district.users["member"])
    first = member.get(reverse("culture:m_menu")).content.decode()
    assert first.count('class="card session-item"') == MENU_PAGE_SIZE and "page=2" in first
    second = member.get(reverse("culture:m_menu"), {"page": 2}).content.decode()
    assert second.count('class="card session-item"') == 2
    assert (
        member.get(reverse("culture:m_menu"), {"category": Programme.Category.SALON})
        .content.decode()
        .count('class="card session-item"')
        == 0
    )
    today = member.get(reverse("culture:m_menu"), {"when": "today"}).content.decode()
    assert 'class="card session-item"' not in today
    # The member's own street (the session's venue is in 定海路) and the sibling street.
    own = member.get(reverse("culture:m_menu"), {"street": "mine"}).content.decode()
    assert own.count('class="card session-item"') == MENU_PAGE_SIZE
    other = member.get(reverse("culture:m_menu"), {"street": str(district.pingliang.pk)}).content.decode()
    assert 'class="card session-item"' not in other
    assert reverse("culture:m_session", args=[sessions[0].pk]) in first
