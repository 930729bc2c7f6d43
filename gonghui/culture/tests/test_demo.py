import random
from decimal import Decimal

import pytest

from gonghui.culture.models import Booking, BookingStatus, Session
from gonghui.culture.selectors import culture_figures
from gonghui.demo.culture import seed_culture
from gonghui.lib.figures import Period

pytestmark = pytest.mark.django_db


def test_seed_culture_matches_the_seed(district):
    summary = seed_culture(random.Random(2016), scale=0.05, actor=district.users["district"])
    assert summary.startswith("culture:")
    figures = culture_figures(district.root)
    assert figures["venues"] == {"core": 1, "circle": 5, "base": 15, "point": 50}
    assert Decimal(figures["funding_yuan"]) == Decimal("1020000.00")
    per_year = [culture_figures(district.root, Period.year(y))["sessions_held"] for y in (2015, 2016)]
    assert all(900 <= n <= 1100 for n in per_year), per_year
    checked_in = Booking.unscoped.filter(status=BookingStatus.CHECKED_IN).count()
    assert figures["person_times"] == checked_in > 0
    for session in Session.unscoped.filter(starts_at__year=2016)[:50]:
        assert session.booked <= session.capacity
