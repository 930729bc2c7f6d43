"""The federation module's test world on top of the shared district: objects made through the
module's services (a station, a visit with problems, an assessment, a reform measure, a work
order, a contest with an accepted entry), and a real image to upload."""

import datetime
import io
from decimal import Decimal

from django.utils import timezone
from PIL import Image

from gonghui.accounts.models import User
from gonghui.federation import services
from gonghui.federation.catalogues import ensure_catalogues
from gonghui.federation.models import (
    Assessment,
    Contest,
    Entry,
    HotlineCategory,
    ReformMeasure,
    ReformTask,
    StandardItem,
    Station,
    Visit,
    WorkOrder,
)
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.organizations.models import Node, Unit

from .district import District


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (320, 240)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 40)).save(out, kind)
    return out.getvalue()


def assessor_of(d: District) -> User:
    user, _created = User.objects.get_or_create(username="assessor", defaults={"role": Role.ASSESSOR})
    return user


class Federation:
    def __init__(self, district: District) -> None:
        ensure_catalogues()
        self.d = district
        self.staff = district.users["district"]
        self.assessor = assessor_of(district)

    def station(
        self,
        node: Node,
        name: str = "标记服务站",
        opened_on: datetime.date | None = None,
        latitude: Decimal | None = None,
        longitude: Decimal | None = None,
    ) -> Station:
        return services.station_create(
            node=node,
            name=name,
            kind="park",
            address="标记路1号",
            opening_hours="9:00-17:00",
            latitude=latitude,
            longitude=longitude,
            services=["legal", "rest"],
            opened_on=opened_on,
            actor=self.staff,
        )

    def visit(self, unit: Unit, problems: int = 2, actor: User | None = None, people: int = 6) -> Visit:
        drafts = [services.ProblemDraft(f"标记问题{i}：加班费计算", "王干事") for i in range(problems)]
        return services.visit_record(
            unit=unit,
            visited_on=timezone.localdate(),
            people_met=people,
            problems=drafts,
            actor=actor or self.staff,
        )

    def assessment(self, union: Node, year: int = 2016) -> Assessment:
        return services.assessment_assign(union=union, year=year, assessor=self.assessor, actor=self.staff)

    def full_scores(self, evidence: str = "现场查看台账") -> list[services.ItemScore]:
        return [services.ItemScore(i.pk, i.max_score, evidence) for i in StandardItem.objects.all()]

    def measure(self, node: Node, number: int = 1) -> ReformMeasure:
        task = ReformTask.unscoped.filter(node=node, number=number).first() or services.task_create(
            node=node,
            number=number,
            title=f"标记改革任务{number}",
            lead="组织部",
            listed_on=datetime.date(2015, 6, 1),
            due_on=datetime.date(2017, 12, 31),
            actor=self.staff,
        )
        return services.measure_create(
            task=task,
            number=task.measures.count() + 1,
            title="标记措施：建立基层服务站",
            owner_name="李部长",
            starts_on=datetime.date(2015, 6, 1),
            due_on=datetime.date(2016, 6, 30),
            milestones=[("制定方案", datetime.date(2015, 9, 1)), ("全面推开", datetime.date(2016, 3, 1))],
            actor=self.staff,
        )

    def order(self, unit: Unit, code: str = "0101", actor: User | None = None) -> WorkOrder:
        return services.order_register(
            channel="call",
            category=HotlineCategory.objects.get(code=code),
            caller_name="来电职工",
            caller_phone="13912340001",
            content="标记诉求：三个月工资未发",
            unit=unit,
            actor=actor or self.staff,
        )

    def contest(self, node: Node, *, voting: bool = True) -> Contest:
        now = timezone.now()
        day = datetime.timedelta(days=1)
        return services.contest_create(
            node=node,
            title="标记随手拍",
            kind="photo",
            description="",
            submit_opens_at=now - 10 * day,
            submit_closes_at=now + day,
            vote_opens_at=now - day if voting else now + day,
            vote_closes_at=now + 5 * day,
            daily_votes=3,
            actor=self.staff,
        )

    def entry(self, contest: Contest, member: Member, accepted: bool = True) -> Entry:
        entry = services.entry_submit(
            contest=contest, member=member, title="标记作品", data=image_bytes(), actor=None
        )
        if accepted:
            entry = services.entry_review(entry=entry, accept=True, actor=self.staff)
        return entry
