"""The demo's mediation network and its work from mid-2013 to today.

At scale 1, at the end of 2016: 2,215 mediation organizations (the district's legal-aid
centre, the court's union mediation room, a centre in each of the 12 streets, a committee in
each industry union, a committee in ~90% of grassroots unions, and the rest as committees of
larger enterprises in joint unions), the court room's 10 invited mediators, two lawyers of the
expert panel matched to each street. Since then: committees of the unions founded since, a few
closed, the court room's mediators changing over (always ten), 12万 yuan a year for the court
room; a few hundred cases a year with their outcomes (the last weeks' still open), the weekly
Wednesday inspections and the pre-Spring-Festival wage checks, and 一函两书 letters.
"""

import random

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.disputes.models import Inspection

from .activities import seed_letters
from .cases import seed_cases
from .history import (
    close_committees,
    rotate_court_mediators,
    seed_funding,
    seed_inspections,
    seed_past_letters,
)
from .network import COURT_MEDIATORS, DEMO_PASSWORD, seed_network, seed_people

__all__ = ["COURT_MEDIATORS", "seed_disputes"]


def seed_disputes(rng: random.Random, *, scale: float, actor: User) -> str:
    today = timezone.localdate()
    network = seed_network(rng, scale=scale)
    staff = seed_people(rng, network["streets"])
    closed = close_committees(rng)
    rotate_court_mediators(rng)
    funding = seed_funding(actor)
    findings = seed_inspections(rng, network["streets"], today)
    cases = seed_cases(
        rng, scale=scale, today=today, findings=findings, chair_committee=staff["chair_committee"]
    )
    letters = seed_past_letters(rng, scale=scale, today=today)
    letters += seed_letters(rng, scale=scale, today=today, actor=actor)
    return (
        f"disputes: {network['orgs']} mediation organizations "
        f"({network['committee_unions']} union committees, {closed} closed since 2017), "
        f"{staff['mediators']} mediator accounts (password {DEMO_PASSWORD}), {staff['lawyers']} lawyers, "
        f"{funding} yearly funding records, {cases} cases, {Inspection.unscoped.count()} inspections, "
        f"{letters} letters"
    )
