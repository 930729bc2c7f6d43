"""Venues as of a past day follow their opening and closing dates; money prints with two
decimals on every database. The answers are worked out by hand."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.culture import services
from gonghui.culture.selectors import culture_figures
from gonghui.lib.figures import Period

pytestmark = pytest.mark.django_db


def test_venues_open_on_a_day_follow_their_dates(culture):
    """core: opened 2010, never closed. dinghai base: opened 2015-04-01, closed 2021-01-01.
    pingliang point: opened 2019-06-01, switched off today through the service."""
    actor, root = culture.actor, culture.d.root

    def dated(venue, opened, closed=None):
        return services.venue_update(
            venue=venue, actor=actor, node=venue.node, opened_on=opened, closed_on=closed
        )

    dated(culture.core, datetime.date(2010, 1, 1))
    dated(culture.dinghai_venue, datetime.date(2015, 4, 1), datetime.date(2021, 1, 1))
    point = dated(culture.pingliang_venue, datetime.date(2019, 6, 1))
    point = services.venue_update(venue=point, actor=actor, node=point.node, active=False)
    assert point.closed_on == timezone.localdate()

    def venues(day):
        return culture_figures(root, Period.as_of(day))["venues"]

    assert venues(datetime.date(2014, 12, 31)) == {"core": 1, "circle": 0, "base": 0, "point": 0}
    assert venues(datetime.date(2016, 12, 31)) == {"core": 1, "circle": 0, "base": 1, "point": 0}
    assert venues(datetime.date(2020, 12, 31)) == {"core": 1, "circle": 0, "base": 1, "point": 1}
    # Closed on 1 January 2021: not open that day.
    assert venues(datetime.date(2021, 1, 1)) == {"core": 1, "circle": 0, "base": 0, "point": 1}
    # A year gives its last day; yesterday the point was still open, today it is not.
    assert culture_figures(root, Period.year(2016))["venues"]["base"] == 1
    assert venues(timezone.localdate() - datetime.timedelta(days=1))["point"] == 1
    assert culture_figures(root)["venues"] == {"core": 1, "circle": 0, "base": 0, "point": 0}
    # The street sees its own venues only.
    assert culture_figures(culture.d.dinghai, Period.year(2016))["venues"]["base"] == 1
    assert culture_figures(culture.d.pingliang, Period.year(2016))["venues"]["point"] == 0


def test_funding_prints_two_decimals(culture):
    for amount in ("1000.10", "20.40"):
        services.funding_record(
            programme=culture.programme,
            amount=Decimal(amount),
            paid_on=datetime.date(2016, 5, 10),
            kind="purchase",
            actor=culture.actor,
        )
    figures = culture_figures(culture.d.root, Period.year(2016))
    assert figures["funding_yuan"] == "1020.50"
    assert figures["by_circle"]["east"]["funding_yuan"] == "1020.50"
    assert figures["by_circle"]["west"]["funding_yuan"] == "0.00"
