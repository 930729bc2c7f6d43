"""The culture module's test world on top of the shared district: a core venue, a venue in
each street (staff at the one in 定海), a programme, and sessions made to measure."""

import datetime
from decimal import Decimal

from django.test import TestCase
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.culture import services
from gonghui.culture.models import Programme, Session, Venue
from gonghui.lib.roles import Role

from .district import add_member


class Culture:
    def __init__(self, district):
        self.d = district
        actor = district.users["district"]
        self.actor = actor
        self.core = services.venue_create(
            actor=actor,
            node=district.root,
            name="沪东工人文化宫",
            kind=Venue.Kind.CORE,
            circle="core",
            address="平凉路1500号",
            opening_hours="9:00-21:00",
            facilities="剧场、教室",
            capacity=500,
        )
        self.dinghai_venue = services.venue_create(
            actor=actor,
            node=district.dinghai,
            name="定海标记活动基地",
            kind=Venue.Kind.BASE,
            circle="east",
            capacity=200,
        )
        self.pingliang_venue = services.venue_create(
            actor=actor,
            node=district.pingliang,
            name="平凉标记示范点",
            kind=Venue.Kind.POINT,
            circle="south",
            capacity=200,
        )
        self.staff = User.objects.create(username="venue_staff", role=Role.VENUE_STAFF)
        services.venue_staff_add(venue=self.dinghai_venue, user=self.staff, actor=actor)
        self.programme = services.programme_create(
            actor=actor,
            node=district.root,
            title="职工电影放映",
            category=Programme.Category.FILM,
            circle="east",
            cost=Decimal("1200.00"),
        )

    def session(
        self,
        venue=None,
        *,
        capacity=10,
        mode=Session.Mode.FIRST_COME,
        starts_in=datetime.timedelta(days=3),
        **kw,
    ):
        now = timezone.now()
        starts = now + starts_in
        return services.session_create(
            actor=self.actor,
            programme=self.programme,
            venue=venue or self.dinghai_venue,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            capacity=capacity,
            mode=mode,
            opens_at=kw.pop("opens_at", now - datetime.timedelta(hours=1)),
            closes_at=kw.pop("closes_at", starts - datetime.timedelta(hours=1)),
            cancel_by=kw.pop("cancel_by", starts - datetime.timedelta(hours=2)),
            **kw,
        )

    @staticmethod
    def run(fn, *args, **kwargs):
        """Call a service and then run what it left for after commit (tasks run at once in tests)."""
        with TestCase.captureOnCommitCallbacks(execute=True):
            return fn(*args, **kwargs)

    def members(self, n, union=None):
        union = union or self.d.dinghai_union
        return [add_member(union, None, f"会员{i}") for i in range(n)]
