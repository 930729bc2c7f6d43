"""The care module's id-taking routes: campaigns and their sites, health checks and rest-home
offers and their places, hardship files with their documents and aid, the money rules, and the
member's own bookings."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.care import services
from gonghui.care.models import FamilyFile
from gonghui.organizations.models import Node
from gonghui.testing.care import PDF, Care
from gonghui.testing.district import District

from .base import OWN, Group, Objects, Place, Target, ids, reach

# A member sees the offers of their union and of every node above it: the chair's union's
# member sees those of 定海标记甲 (own) and of the street 定海路 (parent).
MEMBER_OFFERS = reach({}, member=frozenset({"own", "parent"}))
ROUTES = {
    "care:campaign": Target("campaign"),
    "care:campaign-target": Target("campaign", post={"group": ""}),
    "care:campaign-recipients": Target("campaign"),
    "care:campaign-approve": Target("campaign"),
    "care:campaign-close": Target("campaign"),
    "care:site-add": Target("campaign", post={"name": "标记慰问点"}),
    "care:site": Target("site"),
    "care:site-verify": Target("site", post={"scanned": "NOSUCHCODE"}),
    "care:site-deliver": Target("site", post={"scanned": "NOSUCHCODE"}),
    "care:site-sign": Target("site", post={"member_no": "T000000000", "signature": ""}),
    "care:offer": Target("offer"),
    "care:offer-assign": Target("offer", post={"member_no": "T000000000"}),
    "care:stay-done": Target("stay", post={"done_on": "2026-01-01"}),
    "care:stay-cancel": Target("stay"),
    "care:file": Target("file"),
    "care:file-upload": Target(
        "file", post=lambda: {"kind": "income", "file": SimpleUploadedFile("a.pdf", PDF, "application/pdf")}
    ),
    "care:file-review": Target("file", post={"decision": "no", "note": "材料不全"}),
    "care:file-approve": Target("file", post={"decision": "no", "note": "不符合条件"}),
    "care:file-yearly": Target("file", post={"household_size": "3", "monthly_income": "3000"}),
    "care:file-close": Target("file", post={"reason": "脱困"}),
    "care:grant-propose": Target("file", post={"kind": "living", "amount": "500"}),
    "care:document": Target("document"),
    "care:grant-approve": Target("grant"),
    "care:grant-refuse": Target("grant", post={"reason": "不符合条件"}),
    "care:grant-pay": Target("approved_grant", post={"key": "walker-key-0001", "signature": ""}),
    "care:rule-end": Target("rule", post={"on": "2030-01-01"}),
    "care:m-book": Target("offer", MEMBER_OFFERS),
    "care:m-cancel": Target("stay", reach({}, member=OWN)),
}


def build(d: District, places: dict[str, Place]) -> Objects:
    care = Care(d)
    staff = care.staff
    elsewhere = Node.objects.get(path=places["unrelated"].node.path[: Node.steplen])
    services.standard_set(
        node=elsewhere, year=timezone.localdate().year, income_line=Decimal("2000"), actor=staff
    )
    campaigns = {r: care.campaign(p.node) for r, p in places.items()}
    sites = {r: care.site(campaigns[r]) for r in places}
    offers = {r: care.offer(p.node) for r, p in places.items()}
    # Things a person owns hang where the person is: the street itself has no member of its own.
    people = {r: p.member for r, p in places.items() if p.member is not None}
    stays = {r: services.stay_assign(offer=offers[r], member=m, actor=staff) for r, m in people.items()}
    files = {r: care.file(m) for r, m in people.items()}
    documents = {r: FamilyFile.unscoped.get(pk=f.pk).documents.get() for r, f in files.items()}
    grants = {r: care.grant(f) for r, f in files.items()}
    approved = {r: care.grant(f, kind="schooling", approve=True) for r, f in files.items()}
    rules = {
        r: services.rule_add(
            node=p.node,
            code=f"walker-{r}",
            name="标记规则",
            kind="forbidden_goods",
            goods_kinds=["cash"],
            basis="标记依据",
            reason="标记理由",
            valid_from=datetime.date(2020, 1, 1),
            actor=staff,
        )
        for r, p in places.items()
    }
    return {
        "campaign": ids(campaigns),
        "site": ids(sites),
        "offer": ids(offers),
        "stay": ids(stays),
        "file": ids(files),
        "document": ids(documents),
        "grant": ids(grants),
        "approved_grant": ids(approved),
        "rule": ids(rules),
    }


CARE = Group(ROUTES, build)
