"""Votes under contention, on PostgreSQL with real threads: one vote per member per entry
whatever the race, and the daily limit holds."""

from functools import partial

import pytest

from gonghui.federation import services
from gonghui.federation.models import Entry, Vote, VoteDay
from gonghui.testing import add_member
from gonghui.testing import run_together as run_all

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
run_together = partial(run_all, refused=(services.FederationError,))


def test_100_parallel_votes_of_one_member_for_one_entry_count_once(district, fed):
    contest = fed.contest(district.root)
    entry = fed.entry(contest, district.members["colleague"])
    voter = district.members["own"]
    results = run_together(lambda i: services.vote_cast(entry=entry, member=voter, actor=None) and "ok", 100)
    assert results.count("ok") == 1 and results.count("refused:duplicate") == 99
    assert Vote.unscoped.filter(entry=entry, member=voter).count() == 1
    assert Entry.unscoped.get(pk=entry.pk).votes == 1
    assert VoteDay.objects.get(member=voter, contest=contest).used == 1


def test_parallel_votes_for_many_entries_stop_at_the_daily_limit(district, fed):
    contest = fed.contest(district.root)  # 3 votes a day
    entries = [fed.entry(contest, add_member(district.dinghai_union, None, f"作者{i}")) for i in range(20)]
    voter = district.members["own"]
    results = run_together(
        lambda i: services.vote_cast(entry=entries[i], member=voter, actor=None) and "ok", 20
    )
    assert results.count("ok") == 3 and results.count("refused:daily") == 17
    assert Vote.unscoped.filter(member=voter).count() == 3 == VoteDay.objects.get(member=voter).used
    assert sum(Entry.unscoped.filter(contest=contest).values_list("votes", flat=True)) == 3
