"""Merit competitions: a team reports only its own progress, the organizer checks it, the
score follows from the indicators, the red flag passes at the period's close, and scores and
flags recompute identically from the records."""

import datetime
import random
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from gonghui.audit.models import AuditRecord
from gonghui.competitions import scoring, selectors, services
from gonghui.competitions.models import Competition, ProgressReport, RedFlag, Round
from gonghui.members.models import MemberGroup
from gonghui.testing.competitions import Contest

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_team_reports_only_its_own_progress(contest, member_user, subtree_user):
    contest.open()
    with pytest.raises(services.CompetitionError) as refused:
        contest.report(contest.team_b, "10", member_user)
    assert refused.value.code == "not_reporter"
    assert AuditRecord.objects.filter(action="competitions.report.submit", result="denied").count() == 1
    # Nor can staff file it in the team's name: reporting is the team's own.
    with pytest.raises(services.CompetitionError):
        contest.report(contest.team_a, "10", contest.organizer)
    # Over the web: the other team's page is 404, like a missing one, and nothing is written.
    client = login(member_user)
    other = reverse("competitions:m_report", args=[contest.team_b.pk])
    assert client.get(other).status_code == 404
    assert client.post(other, {"actual": "50"}).status_code == 404
    assert not ProgressReport.unscoped.exists()
    mine = reverse("competitions:m_report", args=[contest.team_a.pk])
    assert client.post(mine, {"actual": "30", "note": "签约30户"}).status_code == 302
    report = ProgressReport.unscoped.get()
    assert (report.team, report.actual, report.reported_by) == (contest.team_a, Decimal("30.00"), member_user)
    assert login(subtree_user).post(mine, {"actual": "99"}).status_code == 404


def test_bad_input_answers_400_and_keeps_what_was_typed(contest, member_user):
    contest.open()
    url = reverse("competitions:m_report", args=[contest.team_a.pk])
    response = login(member_user).post(url, {"actual": "三十", "note": "已签约"})
    assert response.status_code == 400
    assert "已签约" in response.content.decode()
    assert not ProgressReport.unscoped.exists()


def test_the_score_is_the_weighted_mean_of_the_indicators(contest, member_user):
    current = contest.open()  # January 2026: 31 of 365 days, so the plan to date is 120 × 31/365
    report = contest.confirm(contest.report(contest.team_a, "8", member_user), quality="80", safety="90")
    share = Decimal(31) / Decimal(365)
    progress = min(Decimal(100), Decimal(100) * Decimal(8) / (Decimal(120) * share)).quantize(Decimal("0.01"))
    assert report.progress == progress == Decimal("78.49")
    expected = ((60 * progress + 25 * 80 + 15 * 90) / Decimal(100)).quantize(Decimal("0.01"))
    assert report.score == expected
    assert selectors.recompute_report(report) == (report.progress, report.score)
    assert current.status == Round.Status.OPEN


def test_the_checker_must_be_the_organizer_and_cannot_be_the_reporter(contest, member_user, district):
    contest.open()
    report = contest.report(contest.team_a, "10", member_user)
    with pytest.raises(services.CompetitionError):  # the street cadre keeps the team's lists, not the score
        services.progress_report_confirm(
            report=report, values=contest.values(), actor=district.users["dinghai_cadre"]
        )
    with transaction.atomic(), pytest.raises(IntegrityError):
        ProgressReport.unscoped.filter(pk=report.pk).update(checked_by=member_user)


def test_the_flag_passes_at_each_close_and_keeps_its_history(contest, member_user, subtree_user):
    first = contest.open()
    contest.confirm(contest.report(contest.team_a, "12", member_user))
    contest.confirm(contest.report(contest.team_b, "6", subtree_user))
    (flag,) = services.round_close(round=first, actor=contest.organizer)
    assert flag.team == contest.team_a
    second = contest.open()
    assert second.starts_on == datetime.date(2026, 2, 1) and second.ends_on == datetime.date(2026, 2, 28)
    contest.confirm(contest.report(contest.team_a, "14", member_user), quality="60")
    contest.confirm(contest.report(contest.team_b, "30", subtree_user))
    (flag,) = services.round_close(round=second, actor=contest.organizer)
    assert flag.team == contest.team_b
    history = list(RedFlag.unscoped.filter(competition=contest.competition).order_by("round__number"))
    assert [f.team for f in history] == [contest.team_a, contest.team_b]
    with pytest.raises(services.CompetitionError):
        services.round_close(round=second, actor=contest.organizer)
    with transaction.atomic(), pytest.raises(IntegrityError):
        RedFlag.unscoped.create(
            competition=contest.competition,
            round=second,
            team=contest.team_a,
            score=1,
            progress=1,
            awarded_on=second.ends_on,
            path=contest.team_a.path,
        )


def test_a_period_with_reports_waiting_for_the_check_does_not_close(contest, member_user):
    current = contest.open()
    contest.report(contest.team_a, "12", member_user)
    with pytest.raises(services.CompetitionError) as refused:
        services.round_close(round=current, actor=contest.organizer)
    assert refused.value.code == "pending"
    current.refresh_from_db()
    assert current.status == Round.Status.OPEN and not RedFlag.unscoped.exists()


def test_a_confirmed_report_stands_and_progress_never_goes_back(contest, member_user):
    contest.open()
    contest.confirm(contest.report(contest.team_a, "12", member_user))
    with pytest.raises(services.CompetitionError) as refused:
        contest.report(contest.team_a, "13", member_user)
    assert refused.value.code == "confirmed"
    services.round_close(round=Round.unscoped.get(), actor=contest.organizer)
    contest.open()
    with pytest.raises(services.CompetitionError) as refused:
        contest.report(contest.team_a, "11", member_user)
    assert refused.value.code == "decreasing"


def test_a_returned_report_may_be_reported_again(contest, member_user):
    contest.open()
    report = contest.report(contest.team_a, "12", member_user)
    services.progress_report_return(report=report, note="请附签约清单", actor=contest.organizer)
    again = contest.report(contest.team_a, "11", member_user)
    assert again.pk != report.pk and again.status == ProgressReport.Status.SUBMITTED


@pytest.mark.parametrize("rule", [Competition.FlagRule.HIGHEST_SCORE, Competition.FlagRule.HIGHEST_PROGRESS])
def test_scores_and_flags_recompute_identically_from_the_records(district, rule):
    """Six periods of random reports and checks: every stored score and every flag equals what
    the records give when computed again."""
    world = Contest(district, rule=rule)
    reporters = {}
    from gonghui.accounts.models import User

    for team, key in ((world.team_a, "own"), (world.team_b, "subtree"), (world.team_c, "sibling")):
        member = district.members[key]
        if key != "own":
            services.reporter_add(team=team, member=member, actor=world.organizer)
        reporters[team.pk] = User.objects.get_or_create(
            member=member, defaults={"username": f"r{member.pk}"}
        )[0]
    rng = random.Random(24)
    actual = {t.pk: Decimal(0) for t in (world.team_a, world.team_b, world.team_c)}
    for _ in range(6):
        current = world.open()
        for team in (world.team_a, world.team_b, world.team_c):
            actual[team.pk] += Decimal(rng.randint(0, 25))
            report = world.report(team, str(actual[team.pk]), reporters[team.pk])
            world.confirm(report, quality=str(rng.randint(50, 100)), safety=str(rng.choice([80, 100])))
        services.round_close(round=current, actor=world.organizer)
    for report in ProgressReport.unscoped.filter(status=ProgressReport.Status.CONFIRMED):
        assert selectors.recompute_report(report) == (report.progress, report.score)
    for current in Round.unscoped.filter(competition=world.competition):
        stored = dict(RedFlag.unscoped.filter(round=current).values_list("section", "team_id"))
        assert stored == selectors.recompute_flags(current) and len(stored) == 1


def test_leaders_follow_the_rule_and_break_ties_the_same_way():
    a = scoring.Standing(1, "", Decimal("90"), Decimal("70"))
    b = scoring.Standing(2, "", Decimal("80"), Decimal("100"))
    c = scoring.Standing(3, "", Decimal("90"), Decimal("70"))
    d = scoring.Standing(4, "绿化养护", Decimal("10"), Decimal("10"))
    assert scoring.leaders([a, b, c, d], "score") == {"": a, "绿化养护": d}
    assert scoring.leaders([c, b, a, d], "score")[""] == a  # the earlier team, whatever the order
    assert scoring.leaders([a, b, c], "progress")[""] == b


def test_participants_are_published_as_member_lists_for_care(contest, district):
    services.participant_add(
        team=contest.team_a, member=district.members["own"], actor=contest.organizer, role="征收员"
    )
    services.participant_add(
        team=contest.team_a, member=district.members["colleague"], actor=contest.organizer
    )
    services.participant_add(team=contest.team_c, member=district.members["sibling"], actor=contest.organizer)
    team_list = MemberGroup.unscoped.get(source=f"competitions.team:{contest.team_a.pk}")
    assert set(team_list.members.all()) == {district.members["own"], district.members["colleague"]}
    assert team_list.path == district.dinghai_union.path
    whole = MemberGroup.unscoped.get(source=f"competitions.competition:{contest.competition.pk}")
    assert whole.members.count() == 3
    with pytest.raises(services.CompetitionError):
        services.participant_add(team=contest.team_a, member=district.members["own"], actor=contest.organizer)


def test_the_public_wall_needs_no_login_and_names_teams_only(contest, member_user, district):
    services.participant_add(team=contest.team_a, member=district.members["own"], actor=contest.organizer)
    first = contest.open()
    contest.confirm(contest.report(contest.team_a, "60", member_user))
    services.round_close(round=first, actor=contest.organizer)
    response = Client().get(reverse("competitions:wall", args=[contest.competition.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert contest.team_a.name in body and contest.team_c.name in body
    assert 'data-flag="1"' in body and "60.00 / 120.00户" in body
    for person in district.members.values():
        assert person.name not in body and person.member_no not in body
    assert district.dinghai_union.name not in body
    Competition.unscoped.filter(pk=contest.competition.pk).update(public=False)
    assert Client().get(reverse("competitions:wall", args=[contest.competition.pk])).status_code == 404
    assert Client().get(reverse("competitions:wall_index")).status_code == 200


def test_staff_pages_answer(contest, district, member_user):
    contest.open()
    report = contest.report(contest.team_a, "5", member_user)
    client = login(district.users["district"])
    for url in (
        reverse("competitions:list"),
        reverse("competitions:detail", args=[contest.competition.pk]),
        reverse("competitions:team", args=[contest.team_a.pk]),
        reverse("competitions:report", args=[report.pk]),
        reverse("competitions:teams") + f"?node={district.dinghai.pk}",
        reverse("competitions:flags"),
        reverse("competitions:awards"),
        reverse("competitions:new"),
        reverse("competitions:team_new", args=[contest.competition.pk]),
    ):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("competitions:teams") + "?node=x").status_code == 404
    # The check form: a missing score is a form error in Chinese, nothing confirmed.
    url = reverse("competitions:report", args=[report.pk])
    response = client.post(url, {"decision": "confirm", f"ind_{contest.quality.pk}": "90"})
    assert response.status_code == 400 and "请打分" in response.content.decode()
    response = client.post(
        url, {"decision": "confirm", f"ind_{contest.quality.pk}": "90", f"ind_{contest.safety.pk}": "100"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ProgressReport.Status.CONFIRMED
