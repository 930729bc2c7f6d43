"""The 一函两书 ladder, joint inspections, and the KPIs of the network."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from gonghui.disputes import selectors, services
from gonghui.disputes.models import Case, Inspection, InspectionVisit, Letter
from gonghui.lib.figures import Period

pytestmark = pytest.mark.django_db


def issue_reminder(d):
    return services.letter_issue(
        unit=d.units["dinghai_a"],
        issuer=d.dinghai,
        subject="未按时足额支付工资",
        actor=d.users["dinghai_cadre"],
    )


def test_the_ladder_climbs_reminder_supervision_proposal_in_order(district):
    reminder = issue_reminder(district)
    assert reminder.kind == 1 and "提示函" in reminder.body and "定海标记甲公司" in reminder.body
    assert reminder.reply_due == reminder.issued_on + datetime.timedelta(days=15)
    supervision = services.letter_issue(
        unit=district.units["dinghai_a"],
        issuer=district.dinghai,
        subject="",
        previous=reminder,
        actor=district.users["dinghai_cadre"],
    )
    assert supervision.kind == 2 and "监督意见书" in supervision.body and reminder.number in supervision.body
    assert Letter.unscoped.get(pk=reminder.pk).status == "escalated"
    proposal = services.letter_issue(
        unit=district.units["dinghai_a"],
        issuer=district.dinghai,
        subject="",
        previous=supervision,
        actor=district.users["dinghai_cadre"],
    )
    assert proposal.kind == 3 and "监督建议书" in proposal.body and proposal.subject == "未按时足额支付工资"
    with pytest.raises(services.DisputeError):
        services.letter_issue(
            unit=district.units["dinghai_a"],
            issuer=district.dinghai,
            subject="",
            previous=proposal,
            actor=district.users["dinghai_cadre"],
        )


def test_a_letter_is_escalated_at_most_once_and_never_after_it_was_put_right(district):
    reminder = issue_reminder(district)
    services.letter_issue(
        unit=reminder.unit, issuer=district.dinghai, subject="", previous=reminder, actor=None
    )
    with pytest.raises(services.DisputeError):
        services.letter_issue(
            unit=reminder.unit, issuer=district.dinghai, subject="", previous=reminder, actor=None
        )
    other = issue_reminder(district)
    services.letter_reply(
        letter=other, reply="已补发全部工资", resolved=True, actor=district.users["dinghai_cadre"]
    )
    with pytest.raises(services.DisputeError):
        services.letter_issue(
            unit=other.unit, issuer=district.dinghai, subject="", previous=other, actor=None
        )
    assert Letter.unscoped.filter(kind=2).count() == 1


def test_the_database_refuses_a_letter_that_skips_a_rung(district):
    reminder = issue_reminder(district)
    with pytest.raises(IntegrityError), transaction.atomic():
        Letter.unscoped.create(
            kind=2,
            number="x1",
            unit=reminder.unit,
            issuer=district.dinghai,
            subject="s",
            body="b",
            issued_on=reminder.issued_on,
            reply_due=reminder.reply_due,
        )
    services.letter_issue(
        unit=reminder.unit, issuer=district.dinghai, subject="", previous=reminder, actor=None
    )
    with pytest.raises(IntegrityError), transaction.atomic():  # a second escalation of the same rung
        Letter.unscoped.create(
            kind=2,
            number="x2",
            unit=reminder.unit,
            issuer=district.dinghai,
            subject="s",
            body="b",
            previous=reminder,
            issued_on=reminder.issued_on,
            reply_due=reminder.reply_due,
        )


def test_letters_through_the_pages_and_out_of_scope(district):
    cadre = Client()
    cadre.force_login(district.users["dinghai_cadre"])
    response = cadre.post(
        reverse("disputes:letters"), {"unit": district.units["dinghai_a"].uscc, "subject": "超时加班"}
    )
    reminder = Letter.unscoped.get()
    assert response.status_code == 302
    refused = cadre.post(
        reverse("disputes:letters"), {"unit": district.units["pingliang_c"].uscc, "subject": "x"}
    )
    assert refused.status_code == 200 and Letter.unscoped.count() == 1
    sibling = Client()
    sibling.force_login(district.users["pingliang_cadre"])
    for name in ("disputes:letter", "disputes:letter-escalate", "disputes:letter-reply"):
        method = sibling.get if name == "disputes:letter" else sibling.post
        assert method(reverse(name, args=[reminder.pk]), {"reply": "x"}).status_code == 404
    assert Letter.unscoped.count() == 1 and Letter.unscoped.get().status == "issued"
    cadre.post(reverse("disputes:letter-escalate", args=[reminder.pk]))
    assert Letter.unscoped.filter(kind=2, previous=reminder).exists()


def test_weekly_inspections_are_on_wednesdays_and_findings_open_cases(district, network):
    staff = district.users["dinghai_cadre"]
    with pytest.raises(services.DisputeError):
        services.inspection_schedule(
            kind="weekly", date=datetime.date(2026, 11, 24), street=district.dinghai, actor=staff
        )
    wednesday = services.wednesdays(datetime.date(2026, 11, 24), 1)[0]
    assert wednesday.weekday() == 2
    inspection = services.inspection_schedule(
        kind="weekly", date=wednesday, street=district.dinghai, actor=staff
    )
    clean = services.inspection_visit_record(
        inspection=inspection,
        unit=district.units["dinghai_b"],
        checklist=dict.fromkeys(["contract", "wages_on_time", "hours", "social_insurance", "safety"], True),
        finding="",
        actor=staff,
    )
    assert not clean.has_issue and clean.case is None
    visit = services.inspection_visit_record(
        inspection=inspection,
        unit=district.units["dinghai_none"],
        checklist={"contract": True},
        finding="拖欠农民工工资",
        open_case=True,
        actor=staff,
    )
    assert visit.has_issue and visit.case.channel == "inspection"
    assert visit.case.org == network.orgs["dinghai_centre"]
    with pytest.raises(services.DisputeError):
        services.inspection_visit_record(
            inspection=inspection, unit=district.units["pingliang_c"], checklist={}, finding="", actor=staff
        )
    spring = services.inspection_schedule(
        kind="spring_festival", date=datetime.date(2027, 1, 18), street=district.dinghai, actor=staff
    )
    assert spring.kind == "spring_festival"
    assert InspectionVisit.objects.count() == 2 and Inspection.unscoped.count() == 2


def test_disputes_figures_count_the_subtree_only(district, network):
    mediator = district.users["mediator"]
    own = services.case_accept(case=network.cases["own"], actor=mediator)
    services.case_close(case=own, outcome="agreement", amount=Decimal("3000.50"), actor=mediator)
    services.case_accept(case=network.cases["parent"], actor=district.users["district"])
    Case.unscoped.filter(pk=network.cases["parent"].pk).update(due_on=datetime.date(2020, 1, 1))
    services.case_accept(case=network.cases["sibling"], actor=district.users["district"])
    services.case_close(
        case=network.cases["sibling"], outcome="no_agreement", actor=district.users["district"]
    )
    issue_reminder(district)
    dinghai = selectors.disputes_figures(district.dinghai)
    assert dinghai["cases"] == 3 and dinghai["cases_by_channel"]["portal"] == 1
    assert dinghai["cases_by_outcome"] == {"agreement": 1, "no_agreement": 0, "withdrawn": 0}
    assert dinghai["success_rate"] == 1.0 and dinghai["amount_recovered"] == "3000.50"
    assert (
        dinghai["overdue_cases"] == 1 and dinghai["letters_issued"] == 1 and dinghai["letters_answered"] == 0
    )
    assert dinghai["grassroots_unions"] == 2 and dinghai["unions_with_committee"] == 2
    assert dinghai["committee_rate"] == 1.0 and dinghai["mediation_orgs"] == 3
    pingliang = selectors.disputes_figures(district.pingliang)
    assert (
        pingliang["cases"] == 1
        and pingliang["success_rate"] == 0.0
        and pingliang["amount_recovered"] == "0.00"
    )
    root = selectors.disputes_figures(district.root)
    assert root["cases"] == 4 and root["mediation_orgs"] == 7 and root["court_invited_mediators"] == 1
    assert root["median_days_to_close"] == 0.0
    assert selectors.disputes_figures(district.root, Period.year(2001))["cases"] == 0


def test_every_page_renders_for_those_in_reach(district, network):
    staff = district.users["dinghai_cadre"]
    reminder = issue_reminder(district)
    wednesday = services.wednesdays(datetime.date(2026, 11, 24), 1)[0]
    inspection = services.inspection_schedule(
        kind="weekly", date=wednesday, street=district.dinghai, actor=staff
    )
    case = services.case_accept(case=network.cases["own"], actor=district.users["mediator"])
    services.case_close(
        case=case, outcome="agreement", amount=Decimal("100"), actor=district.users["mediator"]
    )
    services.legal_aid_apply(case=network.cases["subtree"], low_income=True, migrant=False, actor=staff)
    client = Client()
    client.force_login(staff)
    for url in [
        reverse("disputes:cases"),
        reverse("disputes:case-new"),
        reverse("disputes:case", args=[case.pk]),
        reverse("disputes:case", args=[network.cases["subtree"].pk]),
        reverse("disputes:case-agreement", args=[case.pk]),
        reverse("disputes:network"),
        reverse("disputes:network") + "?year=2026",
        reverse("disputes:inspections"),
        reverse("disputes:inspection", args=[inspection.pk]),
        reverse("disputes:letters"),
        reverse("disputes:letter", args=[reminder.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    registered = client.post(
        reverse("disputes:case-new"),
        {
            "channel": "walk_in",
            "category": "wages",
            "unit": district.units["dinghai_none"].uscc,
            "workers": "赵一 13900002222\n钱二",
            "narrative": "来访反映拖欠工资",
        },
    )
    new = Case.unscoped.latest("pk")
    assert registered.status_code == 302 and new.org == network.orgs["dinghai_centre"]
    assert new.parties.filter(kind="worker").count() == 2
