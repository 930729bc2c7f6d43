"""The demo district is generated from records, and its KPIs come out as the seed's."""

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction

from gonghui.lib.figures import Period
from gonghui.lib.masking import mask_id, mask_phone
from gonghui.members.models import Member
from gonghui.organizations.models import Node, Unit
from gonghui.results.registry import figures_for

pytestmark = pytest.mark.django_db
SEED_DAY = datetime.date(2016, 12, 31)


def test_a_small_district_has_the_seed_s_shape_and_rates():
    out = StringIO()
    call_command("seed_demo", "--scale", "0.02", "--seed", "7", stdout=out)
    assert "staff accounts" in out.getvalue()
    root = Node.objects.get(depth=1)
    # The seed's figures are of the end of 2016; the district goes on to today (unions founded since).
    figures = figures_for(root, Period.as_of(SEED_DAY))
    assert figures["unions_by_kind"]["street"] == 12
    assert figures["unions"] == round(2022 * 0.02)
    assert figures["covered_units"] == round(9250 * 0.02)
    assert figures["establishment_rate"] == pytest.approx(0.82, abs=0.01)
    assert figures["membership_rate"] == pytest.approx(0.91, abs=0.01)
    assert figures["members"] == pytest.approx(187_000 * 0.02, rel=0.01)
    new_units = sum(figures["by_year"][str(y)]["new_units_covered"] for y in range(2012, 2017))
    assert new_units == round(3197 * 0.02)
    kpis = StringIO()
    call_command("kpis", "--node", root.path, "--as-of", SEED_DAY.isoformat(), "--json", stdout=kpis)
    data = json.loads(kpis.getvalue())
    assert data["members"] == figures["members"]
    assert data["cards"]["claim_people_paid"] == 509  # the seed's five-year figure, computed from claims
    assert data["disputes"]["mediation_orgs"] > 0 and data["culture"]["sessions_held"] > 0
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
