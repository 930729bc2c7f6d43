"""Cadres: training person-times by period, professional workers as of a day, their
assignments to streets and their titles; a station's closing ends its stock."""

import datetime

import pytest

from gonghui.federation import services
from gonghui.federation.models import Assignment, Grade, UnionWorker
from gonghui.federation.selectors import federation_figures
from gonghui.lib.figures import Period

pytestmark = pytest.mark.django_db
D = datetime.date


def test_training_counts_person_times_in_the_period_it_started(district, fed):
    for day, n in ((D(2015, 12, 30), 40), (D(2016, 3, 1), 60)):
        services.training_record(
            node=district.root,
            title="工会干部培训班",
            kind="cadre",
            starts_on=day,
            ends_on=day + datetime.timedelta(days=2),
            hours=16,
            attendees=n,
            actor=fed.staff,
        )
    assert federation_figures(district.root, Period.year(2016))["cadre_training_person_times"] == 60
    assert federation_figures(district.root)["cadre_training_person_times"] == 100
    with pytest.raises(services.FederationError):
        services.training_record(
            node=district.root,
            title="x",
            kind="cadre",
            starts_on=D(2016, 3, 2),
            ends_on=D(2016, 3, 1),
            hours=1,
            attendees=5,
            actor=fed.staff,
        )


def test_workers_are_assigned_to_streets_graded_and_counted_as_of_a_day(district, fed):
    worker = services.worker_hire(
        name="周工作者", node=district.root, hired_on=D(2013, 5, 1), actor=fed.staff
    )
    services.worker_assign(
        worker=worker, street=district.dinghai, post="工会主席", starts_on=D(2013, 6, 1), actor=fed.staff
    )
    services.worker_assign(
        worker=worker, street=district.pingliang, post="工会主席", starts_on=D(2016, 1, 1), actor=fed.staff
    )
    worker.refresh_from_db()
    assert worker.node == district.pingliang and worker.path == district.pingliang.path
    first, second = Assignment.unscoped.filter(worker=worker).order_by("starts_on")
    assert first.ends_on == D(2015, 12, 31) and second.ends_on is None
    with pytest.raises(services.FederationError, match="街镇"):
        services.worker_assign(
            worker=worker,
            street=district.dinghai_union,
            post="干事",
            starts_on=D(2017, 1, 1),
            actor=fed.staff,
        )
    services.worker_grade(worker=worker, grade=Grade.SOCIAL_WORKER, graded_on=D(2016, 9, 1), actor=fed.staff)
    assert UnionWorker.unscoped.get(pk=worker.pk).get_grade_display() == "社会工作师"
    at = lambda day: federation_figures(district.root, Period.as_of(day))["professional_union_workers"]  # noqa: E731
    assert (at(D(2012, 12, 31)), at(D(2016, 12, 31))) == (0, 1)
    UnionWorker.unscoped.filter(pk=worker.pk).update(left_on=D(2018, 3, 1))
    assert (at(D(2017, 12, 31)), at(D(2018, 12, 31))) == (1, 0)
    assert federation_figures(district.dinghai)["professional_union_workers"] == 0  # serving in 平凉 now


def test_a_closed_station_leaves_the_stock_from_its_closing_day(district, fed):
    station = fed.station(district.dinghai_union, opened_on=D(2014, 1, 1))
    services.station_close(station=station, closed_on=D(2016, 6, 30), actor=fed.staff)
    at = lambda day: federation_figures(district.root, Period.as_of(day))["stations"]  # noqa: E731
    assert (at(D(2015, 12, 31)), at(D(2016, 12, 31))) == (1, 0)
    with pytest.raises(services.FederationError, match="已撤销"):
        services.station_close(station=station, closed_on=D(2016, 7, 1), actor=fed.staff)
