"""The demo's network and cases are consistent with the seed and with the rules."""

import datetime
import random

import pytest

from gonghui.accounts.models import User
from gonghui.demo.disputes import COURT_MEDIATORS, seed_disputes
from gonghui.demo.spine import Generator, create_accounts
from gonghui.disputes import selectors
from gonghui.disputes.models import Case, DeadlineAlert, Letter, MediationOrg, Mediator, OrgKind
from gonghui.disputes.services import deadline_alerts_scan
from gonghui.lib.figures import Period
from gonghui.organizations.models import Node

pytestmark = pytest.mark.django_db

SCALE = 0.02


def test_seed_disputes_builds_the_network_and_its_years_of_cases():
    generator = Generator(scale=SCALE, seed=7)
    district, streets, middles = generator.build_tree()
    drafts, unions = generator.build_units(streets, middles)
    unit_ids = generator.save_units(drafts)
    generator.save_members(drafts, unit_ids)
    create_accounts(district, streets, unions)
    summary = seed_disputes(random.Random(7), scale=SCALE, actor=User.objects.get(username="district"))
    assert "mediation organizations" in summary
    assert MediationOrg.unscoped.count() >= round(
        2215 * SCALE
    )  # exactly 2,215 at scale 1; fixed ones dominate here
    assert MediationOrg.unscoped.filter(kind=OrgKind.STREET_CENTRE).count() == 12
    court = MediationOrg.unscoped.get(kind=OrgKind.COURT_ROOM)
    assert Mediator.unscoped.filter(org=court, invited=True, active=True).count() == COURT_MEDIATORS
    root = Node.objects.get(pk=district.pk)
    end_of_2016 = selectors.disputes_figures(root, Period.as_of(datetime.date(2016, 12, 31)))
    assert end_of_2016["mediation_orgs"] >= round(2215 * SCALE)
    assert end_of_2016["court_invited_mediators"] == COURT_MEDIATORS
    assert end_of_2016["court_mediation_funding_yuan"] == "420000.00"  # half of 2013, then 12万 a year
    assert end_of_2016["cases_open"] == 0 and end_of_2016["cases"] > 0
    figures = selectors.disputes_figures(root)
    assert figures["court_invited_mediators"] == COURT_MEDIATORS  # those who left were replaced
    assert 0.8 < figures["committee_rate"] <= 1.0
    assert figures["lawyers_matched_streets"] == 12
    assert figures["cases"] == Case.unscoped.count() >= 20
    assert figures["court_entrusted_cases"] > 0 and figures["cases_closed"] > 0
    assert figures["inspections"] > 26 and figures["letters_issued"] == Letter.unscoped.count() > 0
    assert float(figures["amount_recovered"]) > 0
    mediator = User.objects.get(username="mediator")
    assert Case.objects.visible_to(mediator).exists()
    # The demo leaves some cases near or past their limit: the alert scan finds them once.
    first = deadline_alerts_scan()
    assert first == DeadlineAlert.objects.count() and deadline_alerts_scan() == 0
