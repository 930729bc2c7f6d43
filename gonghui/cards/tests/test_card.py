"""The card's life and the e-card page."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from gonghui.cards import services
from gonghui.cards.models import Card
from gonghui.members.models import MemberPass
from gonghui.members.passes import pass_issue
from gonghui.members.services import transfer_approve, transfer_request

from .helpers import client_for

pytestmark = pytest.mark.django_db


def test_issue_activate_suspend_lose_and_replace(district):
    staff, member = district.users["district"], district.members["own"]
    card = services.card_issue(member=member, actor=staff)
    assert card.status == Card.Status.ISSUED and len(card.card_no) == 16
    with pytest.raises(services.CardsError, match="已有服务卡"):
        services.card_issue(member=member, actor=staff)
    card = services.card_activate(card=card, actor=staff)
    card = services.card_suspend(card=card, actor=staff)
    card = services.card_resume(card=card, actor=staff)
    shown = pass_issue(member=member)
    card = services.card_report_lost(card=card, actor=staff)
    assert MemberPass.objects.get(code=shown.code).expires_at <= timezone.now()  # the QR on screen dies too
    new = services.card_replace(card=card, actor=staff)
    assert new.card_no != card.card_no and new.replaces_id == card.pk and new.ecard_version == 2
    assert Card.unscoped.get(pk=card.pk).status == Card.Status.REPLACED
    with pytest.raises(services.CardsError):
        services.card_activate(card=card, actor=staff)


def test_a_card_moves_with_its_member_and_its_street_sees_it(district):
    """A card carries its member's path and district key (a city's cluster keeps it on its
    member's shard): an approved transfer to another street takes it along."""
    member, staff = district.members["own"], district.users["district"]
    card = services.card_issue(member=member, actor=staff)
    assert (card.path, card.district) == (member.path, member.district)
    transfer = transfer_request(member=member, to_union=district.pingliang_union, actor=staff)
    moved = transfer_approve(transfer=transfer, actor=staff)
    card.refresh_from_db()
    assert card.path == moved.path == district.pingliang_union.path
    assert card.district == moved.district != district.dinghai_union.path[:8]
    assert Card.objects.visible_to(district.users["pingliang_cadre"]).filter(pk=card.pk).exists()
    assert not Card.objects.visible_to(district.users["dinghai_cadre"]).filter(pk=card.pk).exists()


def test_one_live_card_per_member_is_a_database_rule(district):
    member = district.members["own"]
    services.card_issue(member=member, actor=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Card.unscoped.create(card_no="3101100000000001", member=member, issued_at=timezone.now())


def test_flagged_or_departed_members_get_no_card(district):
    for key in ("flagged", "left"):
        with pytest.raises(services.CardsError):
            services.card_issue(member=district.members[key], actor=None)


def test_the_ecard_shows_a_fresh_qr_and_its_short_code(district):
    client = client_for(district.users["member"])
    assert "还没有服务卡" in client.get(reverse("cards:my")).content.decode()
    card = services.card_issue(member=district.members["own"], actor=None)
    page = client.get(reverse("cards:my")).content.decode()
    assert "<svg" not in page and 'id="card-activate"' in page
    client.post(reverse("cards:my-activate"))
    assert Card.unscoped.get(pk=card.pk).status == Card.Status.ACTIVE
    page = client.get(reverse("cards:my")).content.decode()
    assert "<svg" in page and 'hx-trigger="every 60s"' in page
    code = MemberPass.objects.filter(member=district.members["own"]).latest("id").code
    assert code in page and district.members["own"].id_number not in page
    partial = client.get(reverse("cards:my-qr")).content.decode()
    newer = MemberPass.objects.filter(member=district.members["own"]).latest("id").code
    assert newer != code and newer in partial and "<html" not in partial
    client.post(reverse("cards:my-lost"))
    assert Card.unscoped.get(pk=card.pk).status == Card.Status.LOST
    assert "<svg" not in client.get(reverse("cards:my")).content.decode()


def test_card_desk_routes_are_scoped(district):
    cards = {k: services.card_issue(member=district.members[k], actor=None) for k in ("own", "sibling")}
    visible = {"district": {"own", "sibling"}, "dinghai_cadre": {"own"}, "pingliang_cadre": {"sibling"}}
    for role in ("district", "dinghai_cadre", "pingliang_cadre", "chair", "member", "cashier", "mediator"):
        client = client_for(district.users[role])
        for key, card in cards.items():
            seen = key in visible.get(role, set()) or (role == "chair" and key == "own")
            assert client.get(reverse("cards:card", args=[card.pk])).status_code == (200 if seen else 404)
            if not seen:
                assert client.post(reverse("cards:card-activate", args=[card.pk])).status_code == 404
                assert client.post(reverse("cards:issue", args=[district.members[key].pk])).status_code == 404
                assert Card.unscoped.get(pk=card.pk).status == Card.Status.ISSUED
