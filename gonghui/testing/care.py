"""The care module's test world on top of the shared district: the rulebook and this year's
standard at the district, a second district staff member (the checker of maker-checker), and
makers of campaigns with a site, offers, and hardship files up to an approved aid."""

import datetime
from decimal import Decimal

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.care import services
from gonghui.care.models import AidGrant, Campaign, FamilyFile, MoneyRule, Offer, Site
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.organizations.models import Node

from .district import District

LINE = Decimal("2000.00")
PDF = b"%PDF-1.4 income proof"
SITUATION = "标记困难情况：爱人患尿毒症长期透析，孩子读高中"
ILLNESS = "尿毒症，每周透析三次"


class Care:
    def __init__(self, d: District) -> None:
        self.d = d
        self.staff = d.users["district"]
        self.checker = User.objects.create(username="district2", role=Role.DISTRICT_STAFF, node=d.root)
        today = timezone.localdate()
        self.rules: dict[str, MoneyRule] = services.rulebook_install(
            node=d.root, valid_from=datetime.date(2012, 1, 1), actor=self.staff
        )
        services.standard_set(node=d.root, year=today.year, income_line=LINE, actor=self.staff)

    def campaign(
        self,
        node: Node,
        *,
        kind: str = "cooling",
        goods_kind: str = "goods",
        unit_value: Decimal = Decimal("120.00"),
        budget: Decimal = Decimal("100000.00"),
        approve: bool = True,
        maker: User | None = None,
    ) -> Campaign:
        """A campaign for the members of `node`'s subtree, its list built, approved by a second person."""
        today = timezone.localdate()
        maker = maker or self.staff
        campaign = services.campaign_create(
            name=f"标记{node.name}夏季送清凉",
            kind=kind,
            node=node,
            starts_on=today - datetime.timedelta(days=3),
            ends_on=today + datetime.timedelta(days=30),
            goods_kind=goods_kind,
            goods="清凉饮料、毛巾、防暑药品",
            unit_value=unit_value,
            budget=budget,
            actor=maker,
        )
        services.campaign_target_add(campaign=campaign, node=node, actor=maker)
        services.recipients_build(campaign=campaign, actor=maker)
        if approve:
            checker = self.checker if maker.pk == self.staff.pk else self.staff
            campaign = services.campaign_approve(campaign=campaign, actor=checker)
        return campaign

    def site(self, campaign: Campaign, node: Node | None = None) -> Site:
        return services.site_add(
            campaign=campaign,
            node=node or campaign.node,
            name=f"标记{(node or campaign.node).name}工地",
            on_day=timezone.localdate(),
            actor=self.staff,
        )

    def offer(self, node: Node, *, kind: str = "rest_home", mode: str = "booking", places: int = 10) -> Offer:
        today = timezone.localdate()
        return services.offer_create(
            kind=kind,
            title=f"标记{node.name}职工疗休养",
            place="无锡太湖工人疗养院",
            node=node,
            mode=mode,
            starts_on=today + datetime.timedelta(days=30),
            ends_on=today + datetime.timedelta(days=34),
            book_by=today + datetime.timedelta(days=20),
            places=places,
            unit_cost=Decimal("1800.00"),
            actor=self.staff,
        )

    def file(self, member: Member, *, stage: str = "open") -> FamilyFile:
        """A file of a member's family, taken to `stage`: submitted, reviewed or open."""
        file = services.file_open(
            member=member,
            household_size=3,
            monthly_income=Decimal("3600.00"),
            situation=SITUATION,
            causes=[("illness", ILLNESS), ("schooling", "")],
            bank_account="6222021001122334455",
            actor=self.d.users["chair"] if member.path.startswith(self.d.dinghai_union.path) else self.staff,
        )
        if stage == "submitted":
            return file
        services.document_upload(
            file=file, kind="income", filename="收入证明.pdf", data=PDF, actor=self.staff
        )
        streets = {self.d.dinghai.path: "dinghai_cadre", self.d.pingliang.path: "pingliang_cadre"}
        cadre = next((name for path, name in streets.items() if member.path.startswith(path)), "district")
        file = services.file_review(file=file, passed=True, actor=self.d.users[cadre])
        if stage == "reviewed":
            return file
        return services.file_approve(file=file, approve=True, actor=self.checker)

    def grant(
        self, file: FamilyFile, *, kind: str = "living", amount: str = "1000.00", approve: bool = False
    ) -> AidGrant:
        cause = file.causes.filter(cause="illness").first() if kind == "medical" else None
        grant = services.grant_propose(
            file=file, kind=kind, amount=Decimal(amount), cause=cause, actor=self.d.users["dinghai_cadre"]
        )
        if approve:
            grant = services.grant_approve(grant=grant, actor=self.staff)
        return grant
