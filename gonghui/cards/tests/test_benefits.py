"""特惠: a service point redeems an entitlement by scanning the member's QR."""

import pytest
from django.urls import reverse

from gonghui.audit.models import AuditRecord
from gonghui.cards import services
from gonghui.cards.models import Redemption

from .helpers import client_for, key, token_of

pytestmark = pytest.mark.django_db


def redeem(world, member_key="own", k=None):
    return services.redemption_record(
        user=world.venue, scanned=token_of(world.d.members[member_key]), service=world.service, key=k or key()
    )


def test_the_yearly_quota_holds_and_tokens_are_single_use(world):
    token = token_of(world.d.members["own"])
    assert services.redemption_verify(user=world.venue, scanned=token, service=world.service).valid
    services.redemption_record(user=world.venue, scanned=token, service=world.service, key=key())
    with pytest.raises(services.CardsError, match="已使用"):
        services.redemption_record(user=world.venue, scanned=token, service=world.service, key=key())
    redeem(world)
    with pytest.raises(services.CardsError, match="次数已用完"):
        redeem(world)
    assert Redemption.unscoped.count() == 2
    assert AuditRecord.objects.filter(action="cards.service.redeem", result="ok").count() == 2


def test_the_desk_page_redeems_and_only_venue_staff_reach_it(world):
    client = client_for(world.venue)
    token = token_of(world.d.members["own"])
    verified = client.post(
        reverse("cards:desk-verify"), {"scanned": token, "service": world.service.pk}, HTTP_HX_REQUEST="true"
    )
    assert "还可使用2次" in verified.content.decode()
    done = client.post(
        reverse("cards:desk-redeem"),
        {"scanned": token, "service": world.service.pk, "key": key()},
        HTTP_HX_REQUEST="true",
    )
    assert 'id="desk-done"' in done.content.decode()
    for role in ("cashier", "member", "dinghai_cadre"):
        other = client_for(world.d.users[role])
        assert other.get(reverse("cards:desk")).status_code == 404
        response = other.post(
            reverse("cards:desk-redeem"),
            {"scanned": token_of(world.d.members["colleague"]), "service": world.service.pk, "key": key()},
        )
        assert response.status_code == 404
    assert Redemption.unscoped.count() == 1
    stats = client_for(world.d.users["district"]).get(reverse("cards:service-stats")).content.decode()
    assert "免费观影" in stats
