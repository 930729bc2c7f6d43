"""Generates the honours roll and the studios in bulk: each count held at the end of 2016 is
the seed's, the awards spread over the years they are given in, and the roll goes on."""

import datetime
import random
from typing import Any

from django.utils import timezone

from gonghui.honours.models import CONFERRED_BY, Honour, HonourKind, Studio, StudioMember, StudioResult
from gonghui.members.models import Member, MemberStatus
from gonghui.organizations.models import Node, Unit

K = HonourKind
# Held at the end of 2016 (the seed) and the years they were given in.
SEED = {
    K.NATIONAL_MODEL_WORKER: (3, (2005, 2010, 2015)),
    K.CITY_MODEL_WORKER: (18, (2007, 2009, 2012, 2015)),
    K.CITY_MODEL_COLLECTIVE: (5, (2009, 2012, 2015)),
    K.NATIONAL_MAYDAY_AWARD: (2, (2013, 2016)),
    K.NATIONAL_MAYDAY_MEDAL: (3, (2012, 2014, 2016)),
    K.CITY_MAYDAY_AWARD: (12, tuple(range(2012, 2017))),
    K.CITY_MAYDAY_MEDAL: (14, tuple(range(2012, 2017))),
    K.CITY_PIONEER_TEAM: (19, tuple(range(2012, 2017))),
    K.NATIONAL_MODEL_HOME: (1, (2014,)),
    K.NATIONAL_MODEL_SMALL_HOME: (2, (2013, 2016)),
    K.CITY_MODEL_HOME: (18, tuple(range(2012, 2017))),
    K.CITY_MODEL_SMALL_HOME: (13, tuple(range(2012, 2017))),
}
# Given since, in the years they are given in.
LATER = {
    K.NATIONAL_MODEL_WORKER: (1, (2020, 2025)),
    K.CITY_MODEL_WORKER: (6, (2020, 2025)),
    K.CITY_MODEL_COLLECTIVE: (2, (2020, 2025)),
    K.NATIONAL_MAYDAY_AWARD: (1, (2019, 2023)),
    K.NATIONAL_MAYDAY_MEDAL: (1, (2018, 2021, 2024)),
    K.CITY_MAYDAY_AWARD: (2, tuple(range(2017, 2027))),
    K.CITY_MAYDAY_MEDAL: (3, tuple(range(2017, 2027))),
    K.CITY_PIONEER_TEAM: (4, tuple(range(2017, 2027))),
    K.NATIONAL_MODEL_HOME: (1, (2021,)),
    K.NATIONAL_MODEL_SMALL_HOME: (1, (2019, 2024)),
    K.CITY_MODEL_HOME: (3, (2018, 2020, 2022, 2024, 2026)),
    K.CITY_MODEL_SMALL_HOME: (3, (2018, 2020, 2022, 2024, 2026)),
}
STUDIOS_2016 = 28  # city and district studios named by the end of 2016
INDIVIDUAL = (K.NATIONAL_MODEL_WORKER, K.CITY_MODEL_WORKER, K.NATIONAL_MAYDAY_MEDAL, K.CITY_MAYDAY_MEDAL)
HOMES = (K.NATIONAL_MODEL_HOME, K.NATIONAL_MODEL_SMALL_HOME, K.CITY_MODEL_HOME, K.CITY_MODEL_SMALL_HOME)
DEEDS = (
    "立足岗位攻坚克难",
    "带领班组创新增效",
    "在重大工程建设中作出突出贡献",
    "在旧区改造征收中阳光服务居民",
    "推广先进操作法",
    "守护居民健康",
)
TOPICS = (
    "节能降耗工艺改进",
    "数控加工精度提升",
    "智慧社区服务",
    "桥梁检测新方法",
    "垃圾分类收运优化",
    "家庭医生签约服务模式",
    "地铁盾构施工安全",
    "新材料检测",
)
TEAM_WORDS = ("班组", "项目部", "团队", "车间", "科室")


def spread(
    rng: random.Random, count: int, years: tuple[int, ...], *, before: datetime.date
) -> list[datetime.date]:
    """`count` award days over the years, the model-worker style (late April) or any month."""
    days = []
    for n in range(count):
        year = years[n % len(years)]
        day = (
            datetime.date(year, 4, 28)
            if rng.random() < 0.7
            else datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
        )
        days.append(min(day, before))
    return days


class Roll:
    def __init__(self, rng: random.Random, root: Node) -> None:
        self.rng, self.root = rng, root
        self.today = timezone.localdate()
        ids = list(
            Member.unscoped.filter(status=MemberStatus.ACTIVE, id_problem="", path__startswith=root.path)
            .order_by("id")
            .values_list("id", flat=True)
        )
        self.people = iter(rng.sample(ids, min(len(ids), 1500)))
        self.units = list(
            Unit.unscoped.filter(union__isnull=False, path__startswith=root.path)
            .select_related("union")
            .order_by("id")[:3000]
        )
        self.honours: list[Honour] = []

    def add(self, kind: K, day: datetime.date) -> None:
        rng = self.rng
        if kind in INDIVIDUAL:
            member = Member.unscoped.select_related("unit").get(pk=next(self.people))
            self.honours.append(
                Honour(
                    kind=kind,
                    member=member,
                    node_id=member.union_id,
                    unit=member.unit,
                    recipient=member.name,
                    conferred_by=CONFERRED_BY[kind],
                    awarded_on=day,
                    citation=rng.choice(DEEDS),
                    path=member.path,
                )
            )
            return
        unit = rng.choice(self.units)
        union = unit.union
        assert union is not None
        if kind in HOMES:
            name = (
                union.name
                if kind in (K.NATIONAL_MODEL_HOME, K.CITY_MODEL_HOME)
                else f"{unit.name}{rng.choice(TEAM_WORDS)}职工小家"
            )
        elif kind == K.CITY_PIONEER_TEAM:
            name = f"{unit.name}{rng.choice(TEAM_WORDS)}"
        else:
            name = unit.name
        self.honours.append(
            Honour(
                kind=kind,
                node=union,
                unit=unit,
                recipient=name,
                conferred_by=CONFERRED_BY[kind],
                awarded_on=day,
                citation=rng.choice(DEEDS),
                path=union.path,
            )
        )

    def seed(self) -> int:
        end_2016 = datetime.date(2016, 12, 31)
        for kind, (count, years) in SEED.items():
            for day in spread(self.rng, count, years, before=end_2016):
                self.add(kind, day)
        for kind, (count, years) in LATER.items():
            for day in spread(self.rng, count * len(years), years, before=self.today):
                self.add(kind, day)
        Honour.unscoped.bulk_create(self.honours, batch_size=1000)
        # One title taken back after 2016 (held on the last day of 2016, not today).
        revoked = next(h for h in self.honours if h.kind == K.CITY_MAYDAY_MEDAL and h.awarded_on.year == 2012)
        Honour.unscoped.filter(pk=revoked.pk).update(
            revoked_on=datetime.date(2019, 6, 1), revoke_reason="本人违纪，依规撤销"
        )
        return len(self.honours)

    def studios(self) -> int:
        rng = self.rng
        leaders = [h for h in self.honours if h.member_id is not None]
        rng.shuffle(leaders)
        days = sorted(
            datetime.date(rng.randint(2011, 2016), rng.randint(1, 12), 1) for _ in range(STUDIOS_2016)
        )
        days += [
            datetime.date(year, rng.randint(1, 12), 1)
            for year in range(2017, self.today.year + 1)
            for _ in range(3)
        ]
        drafts, names = [], set()
        for n, day in enumerate(min(d, self.today) for d in days):
            holder = leaders[n % len(leaders)]
            member = holder.member
            assert member is not None
            level = Studio.Level.CITY if n % 3 == 0 else Studio.Level.DISTRICT
            topic = rng.choice(TOPICS)
            name = f"{member.name}{'劳模' if n % 2 else '工匠'}创新工作室"
            if name in names:
                name = f"{member.name}{topic[:4]}创新工作室（{n + 1}）"
            names.add(name)
            drafts.append(
                Studio(
                    node_id=member.union_id,
                    path=member.path,
                    name=name,
                    level=level,
                    topic=topic,
                    leader=member,
                    leader_name=member.name,
                    founded_on=day,
                )
            )
        # Two studios of the last years were closed again: never counted at the end of 2016.
        for studio in drafts[-6:-4]:
            studio.closed_on = min(studio.founded_on + datetime.timedelta(days=400), self.today)
        studios = Studio.unscoped.bulk_create(drafts)
        links, results = [], []
        for studio in studios:
            assert studio.leader_id is not None
            crew = {studio.leader_id, *(next(self.people) for _ in range(rng.randint(3, 8)))}
            links += [
                StudioMember(studio=studio, member_id=m, joined_on=studio.founded_on) for m in sorted(crew)
            ]
            for _ in range(rng.randint(1, 5)):
                day = min(studio.founded_on + datetime.timedelta(days=rng.randint(60, 1500)), self.today)
                kind = rng.choice(StudioResult.Kind.values)
                results.append(
                    StudioResult(
                        studio=studio,
                        title=f"{studio.topic}：{StudioResult.Kind(kind).label}",
                        kind=kind,
                        achieved_on=day,
                    )
                )
        StudioMember.objects.bulk_create(links)
        StudioResult.objects.bulk_create(results)
        return len(studios)


def seed_honours(rng: random.Random, *, scale: float, actor: Any) -> str:
    root = Node.objects.filter(kind=Node.Kind.DISTRICT).order_by("path").first()
    if root is None or Honour.unscoped.exists():
        return "honours: nothing to do"
    roll = Roll(rng, root)
    if not roll.units:
        return "honours: no units"
    honours = roll.seed()
    studios = roll.studios()
    return f"honours: {honours} honours on the roll, {studios} innovation studios"
