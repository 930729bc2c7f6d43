"""Model unions: an assessor sees only the unions assigned to them and scores with evidence; the
district confirms; the title, the top ten and the chair allowance follow the result."""

from decimal import Decimal

import pytest
from django.urls import reverse

from gonghui.accounts.models import User
from gonghui.federation import services
from gonghui.federation.models import AllowanceTier, Assessment, ChairAllowance, ModelTitle
from gonghui.federation.selectors import federation_figures
from gonghui.lib.roles import Role

pytestmark = pytest.mark.django_db


def test_an_assessor_sees_only_the_unions_assigned_to_them(client, district, fed):
    other = User.objects.create(username="assessor2", role=Role.ASSESSOR)
    mine = fed.assessment(district.dinghai_union)
    theirs = services.assessment_assign(
        union=district.pingliang_union, year=2016, assessor=other, actor=fed.staff
    )
    assert list(Assessment.objects.visible_to(fed.assessor)) == [mine]
    client.force_login(fed.assessor)
    listing = client.get(reverse("federation:assessments")).content.decode()
    assert district.dinghai_union.name in listing and district.pingliang_union.name not in listing
    assert client.get(reverse("federation:assessment", args=[mine.pk])).status_code == 200
    assert client.get(reverse("federation:assessment", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("federation:stations")).status_code == 404  # nothing else of the back office
    form = {f"score_{s.item}": s.score for s in fed.full_scores()} | {
        f"evidence_{s.item}": "台账" for s in fed.full_scores()
    }
    assert client.post(reverse("federation:assessment", args=[theirs.pk]), form).status_code == 404
    assert client.post(reverse("federation:assessment", args=[mine.pk]), form).status_code == 302
    mine.refresh_from_db()
    assert (mine.total, mine.passed, mine.status) == (100, True, "scored")


def test_scores_need_evidence_and_stay_within_each_items_points(district, fed):
    assessment = fed.assessment(district.dinghai_union)
    scores = fed.full_scores()
    with pytest.raises(services.FederationError, match="佐证"):
        services.assessment_score(
            assessment=assessment,
            scores=[*scores[:-1], scores[-1].__class__(scores[-1].item, 1, "")],
            actor=fed.assessor,
        )
    too_many = [services.ItemScore(scores[0].item, 99, "x"), *scores[1:]]
    with pytest.raises(services.FederationError, match="之间"):
        services.assessment_score(assessment=assessment, scores=too_many, actor=fed.assessor)
    with pytest.raises(services.FederationError, match="受托"):
        services.assessment_score(assessment=assessment, scores=scores, actor=fed.staff)


def test_confirmation_names_the_union_and_a_failed_one_ends_the_title_and_the_allowance(district, fed):
    union = district.dinghai_union
    first = fed.assessment(union, year=2015)
    services.assessment_score(assessment=first, scores=fed.full_scores(), actor=fed.assessor)
    with pytest.raises(services.FederationError, match="另一人"):
        services.assessment_confirm(assessment=first, title=True, actor=fed.assessor)
    first = services.assessment_confirm(assessment=first, title=True, top_ten=True, actor=fed.staff)
    allowance = services.allowance_grant(
        union=union,
        chair_name="钱主席",
        monthly=Decimal("600.00"),
        starts_on=first.confirmed_on,
        actor=fed.staff,
    )
    assert (allowance.tier, allowance.monthly) == (AllowanceTier.INCENTIVE, Decimal("900.00"))
    figures = federation_figures(district.root)
    assert (figures["model_unions"], figures["top_ten"]) == (1, 1)
    failed = fed.assessment(union, year=2016)
    low = [services.ItemScore(s.item, 0, "未建职工之家") for s in fed.full_scores()]
    services.assessment_score(assessment=failed, scores=low, actor=fed.assessor)
    failed = services.assessment_confirm(assessment=failed, title=False, actor=fed.staff)
    assert ModelTitle.unscoped.get(union=union).revoked_on is not None
    assert ChairAllowance.unscoped.get(pk=allowance.pk).ends_on is not None
    assert federation_figures(district.root)["model_unions"] == 0
    with pytest.raises(services.FederationError, match="未合格"):
        services.allowance_grant(
            union=union,
            chair_name="钱主席",
            monthly=Decimal("600.00"),
            starts_on=failed.confirmed_on,
            actor=fed.staff,
        )
