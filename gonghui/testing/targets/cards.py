"""The card module's id-taking routes: cards, merchants, plan years, claims and their documents,
and the cashier's sales."""

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.cards import services
from gonghui.cards.models import Claim, Merchant, Sale
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.members.passes import pass_issue
from gonghui.testing.cards import active_card, build_world
from gonghui.testing.district import District

from .base import BACK_OFFICE, OWN, Group, Objects, Place, Target, ids, reach


def document() -> SimpleUploadedFile:
    return SimpleUploadedFile("证明.pdf", b"%PDF-1.4 walker", content_type="application/pdf")


def rule_form() -> dict[str, Any]:
    today = timezone.localdate()
    return {"name": "会员八折", "rate": "0.20", "starts_on": today, "ends_on": today + datetime.timedelta(30)}


MEMBER_ONLY = reach({}, member=OWN)
ROUTES = {
    "cards:card": Target("card"),
    "cards:card-activate": Target("card"),
    "cards:card-suspend": Target("card"),
    "cards:card-resume": Target("card"),
    "cards:card-lost": Target("card"),
    "cards:card-replace": Target("card"),
    "cards:issue": Target("member"),
    "cards:overview": Target("node"),
    "cards:merchant": Target("merchant"),
    "cards:merchant-status": Target("merchant", post={"status": "suspended"}),
    "cards:merchant-store": Target("merchant", post={"name": "新开门店", "address": "控江路1号"}),
    "cards:merchant-rule": Target("merchant", post=rule_form),
    # The store to link differs per merchant: without one the form is refused, after the scope check.
    "cards:merchant-cashier": Target("merchant", post={"username": "cashier2"}),
    # A plan year is the district's, not a node's: one object, reached by role alone.
    "cards:plan-enrol": Target("plan", reach({}, district=OWN)),
    "cards:plan-export": Target("plan", reach({}, **dict.fromkeys(BACK_OFFICE, OWN))),
    "cards:claim": Target("claim"),
    "cards:claim-reveal": Target("claim"),
    "cards:claim-review": Target("claim", post={"amount": "500.00", "note": "材料齐全"}),
    "cards:claim-approve": Target("claim"),
    "cards:claim-reject": Target("claim", post={"note": "材料不全"}),
    "cards:claim-pay": Target("claim", post={"reference": "PAY-1"}),
    "cards:claim-upload": Target("claim", post=lambda: {"document": document()}),
    "cards:claim-document": Target("claim_document"),
    "cards:my-claim": Target("claim", MEMBER_ONLY),
    "cards:my-claim-document": Target("claim_document", MEMBER_ONLY),
    # A cashier sees its own store's sales, and the back office has no page for one sale.
    "cards:cashier-sale-detail": Target("sale", reach({}, cashier=OWN)),
    "cards:api-sale": Target("sale", reach({}, cashier=OWN)),
}


def merchant_at(place: Place, actor: User, name: str) -> Merchant:
    today = timezone.localdate()
    return services.merchant_create(
        name=name,
        category=Merchant.Category.SUPERMARKET,
        agreement_start=today - datetime.timedelta(days=365),
        agreement_end=today + datetime.timedelta(days=365),
        node=place.node,
        actor=actor,
    )


def claim_of(member: Member, actor: User) -> Claim:
    return services.claim_file(
        member=member,
        kind=Claim.Kind.ACCIDENT_INJURY,
        occurred_on=timezone.localdate(),
        health_details="标记伤情：右手骨折",
        amount_requested=Decimal("800.00"),
        actor=actor,
    )


def counter_elsewhere(place: Place, actor: User) -> User:
    """A cashier of a merchant of the other district."""
    merchant = merchant_at(place, actor, "外区标记超市")
    store = services.store_create(merchant=merchant, name="外区门店", actor=actor)
    today = timezone.localdate()
    services.rule_create(
        merchant=merchant,
        name="九折",
        rate=Decimal("0.10"),
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=30),
        actor=actor,
    )
    cashier = User.objects.create(username="cashier_elsewhere", role=Role.CASHIER)
    services.cashier_account_create(user=cashier, store=store, actor=actor)
    return cashier


def sale(cashier: User, member: Member | None) -> Sale:
    assert member is not None
    token = pass_issue(member=member).token
    return services.sale_record(user=cashier, scanned=token, amount=Decimal("88.00"), key=uuid.uuid4().hex)


def build(d: District, places: dict[str, Place]) -> Objects:
    staff = d.users["district"]
    world = build_world(d)
    elsewhere = places["unrelated"]
    assert elsewhere.member is not None
    cards = {r: world.cards[r] for r in ("own", "subtree", "sibling")}
    cards["unrelated"] = active_card(elsewhere.member, staff)
    services.plan_year_enrol(plan=world.plan, actor=staff)  # the other district's holder too
    claims = {r: claim_of(p.member, staff) for r, p in places.items() if p.member is not None}
    documents = {
        r: services.claim_document_add(claim=c, upload=document(), actor=staff) for r, c in claims.items()
    }
    sales = {
        "own": sale(world.cashier, d.members["own"]),
        "subtree": sale(world.other_cashier, d.members["subtree"]),
        "sibling": sale(world.other_cashier, d.members["sibling"]),
        "unrelated": sale(counter_elsewhere(elsewhere, staff), elsewhere.member),
    }
    return {
        "card": ids(cards),
        "member": ids({r: p.member for r, p in places.items()}),
        "node": ids({r: p.node for r, p in places.items()}),
        "merchant": ids({r: merchant_at(p, staff, f"标记商户{r}") for r, p in places.items()}),
        "plan": {"own": (world.plan.pk,)},
        "claim": ids(claims),
        "claim_document": {r: (c.pk, documents[r].pk) for r, c in claims.items()},
        "sale": ids(sales),
    }


CARDS = Group(ROUTES, build)
