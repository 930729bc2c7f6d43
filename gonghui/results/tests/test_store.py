"""The figures cache: rows computed on first request equal the live registry; a change shows
once the refresh task has run; rows past their age are recomputed when read; two workers
never compute the same row."""

import datetime
import json

import pytest
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils import timezone

from gonghui.culture import services as culture
from gonghui.culture.models import Venue
from gonghui.lib.figures import Period
from gonghui.members.services import member_create
from gonghui.results import store
from gonghui.results.models import FigureCache, FigureChange
from gonghui.results.periods import key_of, period_of, standard_periods
from gonghui.results.reading import ensure
from gonghui.results.registry import figure_set, figures_for
from gonghui.results.store import Wanted, groups
from gonghui.testing import make_id, run_together

pytestmark = pytest.mark.django_db


def normal(values):
    """As the JSON column keeps them (money as strings)."""
    return json.loads(json.dumps(values, cls=DjangoJSONEncoder))


def row(node, period, group=""):
    return FigureCache.unscoped.get(node=node, period=key_of(period), group=group)


def test_an_unusual_period_is_computed_on_first_request_and_equals_the_live_registry(district, client):
    client.force_login(district.users["district"])
    response = client.get(
        reverse("results:dashboard", args=[district.root.pk]), {"from": "2013", "to": "2015"}
    )
    assert response.status_code == 200
    period = Period.years(2013, 2015)
    live = figures_for(district.root, period)
    rows = FigureCache.unscoped.filter(node=district.root, period=key_of(period))
    spine = set(figure_set("").keys())
    assert {r.group for r in rows} == set(groups())
    for cached in rows:
        expected = live[cached.group] if cached.group else {k: v for k, v in live.items() if k in spine}
        assert {**cached.figures, **cached.breakdowns} == normal(expected), cached.group
        assert not cached.stale and cached.computed_at is not None
    members = f'data-kpi="members" title="{figure_set("").figure("members").meaning}"'
    assert members in response.content.decode()


def test_a_change_shows_after_the_refresh_task_runs(district, django_capture_on_commit_callbacks):
    today = Period.as_of(timezone.localdate())
    store.compute(district.dinghai, "", today)
    before = row(district.dinghai, today).figures["members"]
    with django_capture_on_commit_callbacks() as commit:
        member_create(
            name="新会员",
            id_number=make_id(4242),
            union=district.dinghai_union,
            actor=district.users["district"],
        )
    cached = row(district.dinghai, today)
    assert cached.figures["members"] == before and not cached.stale  # shown as it was until then
    for callback in commit:  # the commit: the change is logged, the refresh task runs
        callback()
    cached = row(district.dinghai, today)
    assert cached.figures["members"] == before + 1 == figures_for(district.dinghai, today)["members"]
    assert not cached.stale and not FigureChange.objects.exists()


def test_a_change_from_a_day_on_leaves_earlier_periods_and_other_groups_alone(district):
    day = timezone.localdate()
    for period in (Period.year(2015), Period.as_of(day)):
        for group in ("", "culture"):
            store.compute(district.root, group, period)
    store.record_change(group="culture", since=day)
    assert store.apply_changes() == 1
    stale = set(FigureCache.unscoped.filter(stale=True).values_list("period", "group"))
    assert stale == {(key_of(Period.as_of(day)), "culture")}


def test_a_row_past_its_age_is_recomputed_when_read(district, settings, django_capture_on_commit_callbacks):
    """A module that sends no signal: its figures catch up once the row is older than its age."""
    today = Period.as_of(timezone.localdate())
    wanted = Wanted()
    wanted.add(district.dinghai, [today], ["culture"])
    ensure(FigureCache.unscoped.all(), wanted)
    venues = row(district.dinghai, today, "culture").breakdowns["venues"]["point"]
    culture.venue_create(
        actor=district.users["district"], node=district.dinghai_union, name="新示范点", kind=Venue.Kind.POINT,
        circle="east", capacity=50,
    )  # fmt: skip
    ensure(FigureCache.unscoped.all(), wanted)
    assert row(district.dinghai, today, "culture").breakdowns["venues"]["point"] == venues  # young: kept
    an_hour_ago = timezone.now() - datetime.timedelta(seconds=settings.RESULTS_TTL_CURRENT + 60)
    FigureCache.unscoped.update(computed_at=an_hour_ago)
    with django_capture_on_commit_callbacks(execute=True):
        table = ensure(FigureCache.unscoped.all(), wanted)
    assert table.refreshing  # the page says it is being updated
    assert row(district.dinghai, today, "culture").breakdowns["venues"]["point"] == venues + 1


def test_missing_rows_past_the_budget_wait_for_the_task(district, django_capture_on_commit_callbacks):
    wanted = Wanted()
    wanted.add(district.root, [Period.year(2014), Period.year(2015)])
    with django_capture_on_commit_callbacks() as commit:
        table = ensure(FigureCache.unscoped.all(), wanted, budget=0)
    assert table.pending and len(table.rows) == 2 * len(groups())
    for callback in commit:
        callback()
    table = ensure(FigureCache.unscoped.all(), wanted)
    assert not table.pending and not table.refreshing
    assert (
        table.value(district.root.pk, Period.year(2015), "", "members")
        == (figures_for(district.root, Period.year(2015))["members"])
    )


def test_a_request_begins_no_row_whose_kind_took_longer_than_its_time_left(district):
    """The spine's rows of the root took 30 s last time (as a district's may at ten times the
    scale): a request with 5 s to spend leaves its row to the task and computes the others."""
    store.compute(district.root, "", Period.year(2013))
    FigureCache.unscoped.filter(node=district.root, group="").update(seconds=30.0)
    wanted = Wanted()
    wanted.add(district.root, [Period.year(2014)])
    table = ensure(FigureCache.unscoped.all(), wanted, budget=5)
    assert table.queued and not table.rows[(district.root.pk, key_of(Period.year(2014)), "")].done
    computed = [slot for slot, state in table.rows.items() if state.done]
    assert len(computed) == len(groups()) - 1
    assert all(state.seconds is not None for state in FigureCache.unscoped.filter(figures__isnull=False))


def test_the_fill_prepares_the_standard_periods_and_the_refresh_computes_them(district):
    queued = store.fill(depth=1)
    assert queued == len(standard_periods()) * len(groups())
    done, left = store.refresh()
    assert done == queued and not left
    assert not FigureCache.unscoped.filter(figures__isnull=True).exists()
    assert store.fill(depth=1) == 0  # nothing new, nothing past its age


def test_a_claimed_row_is_not_claimed_again(district):
    FigureCache.unscoped.bulk_create([store.placeholder(district.root, Period.year(2015), "")])
    assert store.claim_next() is not None
    assert store.claim_next() is None


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_workers_claim_a_row_exactly_once(district):
    FigureCache.unscoped.bulk_create(
        [store.placeholder(district.root, Period.year(year), "") for year in (2014, 2015, 2016)]
    )
    claimed = run_together(lambda _i: getattr(store.claim_next(), "pk", None), 30)
    taken = [pk for pk in claimed if pk is not None]
    assert len(taken) == 3 and len(set(taken)) == 3


def test_a_dashboard_is_made_once_per_version_of_its_rows(
    district, client, settings, monkeypatch, django_capture_on_commit_callbacks
):
    """Its tiles and charts are kept while the figures they show stay as they are, however often
    their rows are recomputed; a changed figure makes them again."""
    from gonghui.results.dashboard import Dashboard

    settings.RESULTS_SYNC_SECONDS = 600  # every row computed by the first request
    settings.RESULTS_FIRST_YEAR = timezone.localdate().year - 1  # a short trend: fewer rows
    made = []
    build = Dashboard.build
    monkeypatch.setattr(Dashboard, "build", lambda self, table: made.append(1) or build(self, table))
    client.force_login(district.users["district"])
    url = (
        reverse("results:dashboard", args=[district.dinghai.pk])
        + "?as_of="
        + timezone.localdate().isoformat()
    )

    def members_tile() -> str:
        page = client.get(url).content.decode()
        assert 'hx-trigger="load delay:3s"' not in page  # complete, nothing left to compute
        return page.split('data-kpi="members"', 1)[1].split('class="value">', 1)[1].split("<", 1)[0]

    before = members_tile()
    assert members_tile() == before and len(made) == 1  # the second request made nothing
    with django_capture_on_commit_callbacks(execute=True):
        member_create(
            name="新会员",
            id_number=make_id(4243),
            union=district.dinghai_union,
            actor=district.users["district"],
        )
    after = members_tile()
    assert int(after.replace(",", "")) == int(before.replace(",", "")) + 1 and len(made) == 2
    for cached in FigureCache.unscoped.filter(node=district.dinghai).select_related("node"):
        store.compute(cached.node, cached.group, period_of(cached.period))  # as a TTL would
    assert members_tile() == after and len(made) == 2  # recomputed to the same figures: kept
