import random
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.culture.models import Booking, BookingStatus, Session
from gonghui.culture.selectors import culture_figures
from gonghui.demo.culture import seed_culture
from gonghui.lib.figures import Period

pytestmark = pytest.mark.django_db


def test_seed_culture_matches_the_seed(district):
    summary = seed_culture(random.Random(2016), scale=0.05, actor=district.users["district"])
    assert summary.startswith("culture:")
    review = culture_figures(district.root, Period.years(2015, 2016))
    assert review["venues"] == {"core": 1, "circle": 5, "base": 15, "point": 50}
    assert review["funding_yuan"] == "1020000.00"
    per_year = [culture_figures(district.root, Period.year(y))["sessions_held"] for y in (2015, 2016)]
    assert all(900 <= n <= 1100 for n in per_year), per_year
    figures = culture_figures(district.root)
    checked_in = Booking.unscoped.filter(status=BookingStatus.CHECKED_IN).count()
    assert figures["person_times"] == checked_in > review["person_times"]
    for session in Session.unscoped.filter(starts_at__year=2016)[:50]:
        assert session.booked <= session.capacity
    # Every year since goes on, and the coming weeks are on the menu, partly booked already.
    today = timezone.localdate()
    last_year = culture_figures(district.root, Period.year(today.year - 1))
    assert 900 <= last_year["sessions_held"] <= 1100 and last_year["person_times"] > 0
    assert Decimal(last_year["funding_yuan"]) == Decimal("550000.00")
    coming = Session.unscoped.filter(starts_at__gt=timezone.now(), opens_at__lte=timezone.now())
    assert coming.count() >= 7 and any(s.booked for s in coming)
    assert sum(figures["venues"].values()) != 71  # points opened and closed since
