"""The district key (lib.scoping): set by every writer, kept by a check constraint, and part of
every scoped read within a district, so that a cluster distributed by district can send such a
read to one shard."""

import pytest
from django.db import IntegrityError, NotSupportedError, transaction
from django.db.models import F
from django.db.models.functions import Left

from gonghui.cards.models import Card
from gonghui.cards.services import card_issue
from gonghui.culture import services
from gonghui.culture.models import Booking, Session
from gonghui.lib.scoping import DISTRICT_KEY_LENGTH, district_of
from gonghui.members.models import Member
from gonghui.organizations.models import Unit
from gonghui.testing.culture import Culture

pytestmark = pytest.mark.django_db
KEYED = (Member, Unit, Session, Booking, Card)


def keyed_rows(district) -> None:
    """A row of each keyed table: the district's members and units, a session, a booking, a card."""
    culture = Culture(district)
    session = culture.session()
    [member] = culture.members(1)
    culture.run(services.booking_create, session=session, member=member, actor=culture.actor)
    card_issue(member=district.members["own"], actor=None)


def test_every_keyed_row_carries_its_paths_district(district):
    keyed_rows(district)
    for model in KEYED:
        rows = model.unscoped.all()
        assert rows.exists(), model
        assert not rows.exclude(district=Left(F("path"), DISTRICT_KEY_LENGTH)).exists(), model
    own = district.members["own"]
    assert own.district == district_of(own.path) == district.dinghai.path[:DISTRICT_KEY_LENGTH]


@pytest.mark.parametrize("model", KEYED, ids=lambda m: m.__name__)
def test_a_writer_that_forgets_the_key_is_refused_by_the_database(district, model):
    keyed_rows(district)
    row = model.unscoped.first()
    # The check constraint refuses it; on a Citus cluster, so does the key's own rule.
    with pytest.raises((IntegrityError, NotSupportedError)), transaction.atomic():
        model.unscoped.filter(pk=row.pk).update(district="")


def test_a_street_cadres_reads_name_their_district_and_the_district_staffs_do_not(district):
    street = Member.objects.visible_to(district.users["dinghai_cadre"])
    assert "district" in str(street.query).split("WHERE", 1)[1]
    assert set(street) == set(Member.unscoped.filter(path__startswith=district.dinghai.path))
    whole = Member.objects.visible_to(district.users["district"])
    assert len(district.root.path) < DISTRICT_KEY_LENGTH
    assert "district" not in str(whole.query).split("WHERE", 1)[1]
    assert Member.objects.visible_to(district.users["district"]).within(district.dinghai.path).count() == (
        street.count()
    )


def test_a_roster_that_takes_in_a_member_from_another_street_moves_the_key_too(district):
    """In a district whose streets are the keys (the demo's), a member who left a union of 平凉
    and is on a 定海 union's roster now moves to it, key and all."""
    from gonghui.members.models import MemberStatus
    from gonghui.members.roster.pipeline import commit_file
    from gonghui.members.tests.rosters import csv_bytes, good_rows

    moved = district.members["sibling"]
    card = card_issue(member=moved, actor=None)
    Member.unscoped.filter(pk=moved.pk).update(status=MemberStatus.LEFT)
    [row] = good_rows(7001, 1, district.units["dinghai_a"].name)
    row[2] = moved.id_number
    summary = commit_file(
        csv_bytes([row], "utf-8"), "花名册.csv", district.dinghai_union, district.users["chair"]
    )
    assert summary.counts["update"] == 1, summary
    moved.refresh_from_db()
    assert moved.union_id == district.dinghai_union.pk and moved.status == MemberStatus.ACTIVE
    assert moved.district == district_of(district.dinghai.path) != district_of(district.pingliang.path)
    card.refresh_from_db()
    assert (card.path, card.district) == (moved.path, moved.district), "the card went with its member"
