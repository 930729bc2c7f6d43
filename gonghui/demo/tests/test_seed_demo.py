"""The demo district is generated from records, and its KPIs come out as the seed's."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from gonghui.lib.masking import mask_id, mask_phone
from gonghui.members.models import Member, MemberStatusChange, Transfer
from gonghui.organizations.models import Node, Unit
from gonghui.results.kpis import compute_subtree_figures, with_rates

pytestmark = pytest.mark.django_db

END_OF_2016 = datetime.date(2016, 12, 31)


def _kpis(*args: str) -> dict:
    out = StringIO()
    call_command("kpis", "--node", Node.objects.get(depth=1).path, "--json", *args, stdout=out)
    return json.loads(out.getvalue())


def test_a_small_district_has_the_seed_s_shape_and_rates():
    out = StringIO()
    call_command("seed_demo", "--scale", "0.02", "--seed", "7", stdout=out)
    assert "staff accounts" in out.getvalue()
    root = Node.objects.get(depth=1)
    # The end of 2016 is the seed's; the district has gone on since.
    figures = with_rates(compute_subtree_figures(root, as_of=END_OF_2016)[root.path])
    assert figures["unions_by_kind"]["street"] == 12
    assert figures["unions"] == round(2022 * 0.02)
    assert figures["covered_units"] == round(9250 * 0.02)
    assert figures["establishment_rate"] == pytest.approx(0.82, abs=0.01)
    assert figures["membership_rate"] == pytest.approx(0.91, abs=0.01)
    assert figures["members"] == pytest.approx(187_000 * 0.02, rel=0.01)
    new_units = sum(figures["by_year"][str(y)]["new_units_covered"] for y in range(2012, 2017))
    assert new_units == round(3197 * 0.02)
    review = _kpis("--from", "2012", "--to", "2016")
    assert review["members"] == figures["members"]
    assert review["new_members"] == pytest.approx(54_000 * 0.02, rel=0.04)
    assert review["cards"]["claim_people_paid"] == 509  # the seed's five-year figure, computed from claims
    assert review["cards"]["claim_amount_paid"] == "5315000.00"
    assert review["cards"]["merchants"] == 53
    assert review["disputes"]["mediation_orgs"] >= round(2215 * 0.02)  # exactly 2,215 at scale 1
    # Month by month up to today: members join and leave, cards and cases go on.
    now, last_year = _kpis(), _kpis("--year", str(timezone.localdate().year - 1))
    assert now["members"] > figures["members"] and now["unions"] > figures["unions"]
    assert now["establishment_rate"] > figures["establishment_rate"]
    assert 0.85 < now["membership_rate"] < 0.95
    assert last_year["new_members"] > 0 and last_year["new_units_covered"] > 0
    for key in ("cards_issued", "enrolled", "claims_paid", "merchant_transactions", "services_redeemed"):
        assert last_year["cards"][key] > 0, key
    assert last_year["culture"]["sessions_held"] > 900 and last_year["culture"]["person_times"] > 0
    assert last_year["disputes"]["cases"] > 0 and last_year["disputes"]["inspections"] > 50
    assert last_year["disputes"]["court_mediation_funding_yuan"] == "120000.00"
    assert now["cards"]["card_holders"] > review["cards"]["card_holders"]
    assert now["disputes"]["cases_open"] > 0
    # Membership as of a day follows the dated changes: some of 2016's members have left.
    assert MemberStatusChange.objects.filter(at__year=last_year["period"]["from"][:4]).exists()
    assert Transfer.unscoped.filter(status="approved").exists()
    for member in Member.unscoped.order_by("id")[:200]:  # the seed writes raw rows: masked copies too
        assert member.id_masked == mask_id(member.id_number) and member.id_masked.count("*") == 11
        assert member.phone_masked == mask_phone(member.phone)


class _Undo(Exception):
    pass


def _seed_and_digest(seed: int) -> list[tuple]:
    """Generate, read back what was made, then roll it all back."""
    try:
        with transaction.atomic():
            call_command("seed_demo", "--scale", "0.01", "--seed", str(seed), stdout=StringIO())
            digest = list(
                Member.unscoped.order_by("member_no").values_list("member_no", "name", "id_index")[:200]
            )
            digest += list(Unit.unscoped.order_by("uscc").values_list("uscc", "name", "workforce")[:200])
            raise _Undo
    except _Undo:
        return digest


def test_the_same_seed_gives_the_same_district():
    first, again, other = _seed_and_digest(3), _seed_and_digest(3), _seed_and_digest(4)
    assert first and first == again
    assert first != other
