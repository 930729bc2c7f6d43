"""The skills module's test world: a class of the district and one of 定海, a second district
clerk (the checker beside the maker), and a technician reward brought to approval."""

import datetime
from decimal import Decimal

from gonghui.accounts.models import User
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.skills import services
from gonghui.skills.models import Grade, TechnicianReward, TrainingClass
from gonghui.testing.district import District


def second_clerk(d: District) -> User:
    user, _created = User.objects.get_or_create(
        username="district_checker", defaults={"role": Role.DISTRICT_STAFF, "node": d.root}
    )
    return user


def training_class(d: District, node=None, *, capacity: int = 30, fee: str = "300.00", **kw) -> TrainingClass:
    today = datetime.date.today()
    return services.class_create(
        node=node or d.root,
        title=kw.pop("title", "农民工EBA初级工商管理培训班"),
        kind=TrainingClass.Kind.EBA,
        partner="上海开放大学",
        starts_on=kw.pop("starts_on", today),
        ends_on=kw.pop("ends_on", today + datetime.timedelta(days=60)),
        sessions=kw.pop("sessions", 10),
        capacity=capacity,
        fee=Decimal(fee),
        actor=d.users["district"],
        **kw,
    )


def approved_reward(d: District, member: Member, grade: str = Grade.TECHNICIAN) -> TechnicianReward:
    maker, checker = d.users["district"], second_clerk(d)
    reward = services.reward_apply(
        member=member,
        grade=grade,
        certificate_no="1031000000123",
        certified_on=datetime.date(2026, 3, 1),
        actor=maker,
    )
    services.reward_verify(reward=reward, actor=maker)
    return services.reward_approve(reward=reward, actor=checker)
