"""The congress module's test world on top of the shared district: a congress for the chair's
unit (定海标记甲公司) whose representatives include the member persona, and one for the
sibling street's unit (平凉标记丙公司) whose representative has a phone account of their own."""

import datetime

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.congress import services
from gonghui.congress.models import Congress, Item, Power, Representative, Session, SignIn
from gonghui.lib.roles import Role

from .district import District, add_member


def establish(d: District, unit_key: str, union, name: str, seats: int = 30) -> Congress:
    return services.congress_establish(
        node=union,
        units=[d.units[unit_key]],
        name=name,
        established_on=datetime.date(2014, 3, 1),
        seats=seats,
        actor=d.users["district"],
    )


class CongressWorld:
    def __init__(self, d: District, *, colleagues: int = 5) -> None:
        self.d = d
        self.actor = d.users["district"]
        self.congress = establish(d, "dinghai_a", d.dinghai_union, "定海标记甲公司职代会")
        self.other = establish(d, "pingliang_c", d.pingliang_union, "平凉标记丙公司职代会")
        today = timezone.localdate()
        self.own = self.seat(d.members["own"])
        self.seats = [self.own] + [
            self.seat(add_member(d.dinghai_union, d.units["dinghai_a"], f"代表{i}"))
            for i in range(colleagues)
        ]
        self.stranger = services.representative_seat(
            congress=self.other, member=d.members["sibling"], elected_on=today, actor=self.actor
        )
        sibling = d.members["sibling"]
        self.stranger_user = User.objects.create(
            username="sibling_member", role=Role.MEMBER, member=sibling, phone_index=sibling.phone_index
        )

    def seat(self, member) -> Representative:
        return services.representative_seat(
            congress=self.congress, member=member, elected_on=timezone.localdate(), actor=self.actor
        )

    def session(self, congress: Congress | None = None, *, open_: bool = True) -> Session:
        session = services.session_schedule(
            congress=congress or self.congress,
            title="第一届第二次职工代表大会",
            starts_at=timezone.now() + datetime.timedelta(minutes=30),
            place="三楼会议室",
            actor=self.actor,
        )
        if open_:
            session = services.session_open(session=session, actor=self.actor)
        return session

    def sign_in(self, session: Session, seats: list[Representative]) -> None:
        for seat in seats:
            services.sign_in(
                session=session, representative=seat, channel=SignIn.Channel.STAFF, actor=self.actor
            )

    def voting_item(self, session: Session, kind: str = Power.APPROVE, **kw) -> Item:
        item = services.item_add(
            session=session, kind=kind, title="2026年度工资专项集体协议（草案）", actor=self.actor, **kw
        )
        return services.item_open(item=item, actor=self.actor)
