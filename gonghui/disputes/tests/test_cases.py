"""Routing, acceptance, the legal time limit and its alerts, outcomes, legal aid."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from gonghui.disputes import selectors, services
from gonghui.disputes.models import Case, CaseEvent, DeadlineAlert, MediationOrg, OrgKind
from gonghui.disputes.tasks import send_deadline_alerts
from gonghui.testing import add_unit

from .conftest import make_network

pytestmark = pytest.mark.django_db


def register(d, unit, channel="walk_in", **extra):
    return services.case_register(
        channel=channel,
        category="wages",
        unit=unit,
        narrative="案情",
        workers=[services.Worker(name="甲"), services.Worker(name="乙", phone="13900001111")],
        actor=d.users["district"],
        **extra,
    )


# Routing -----------------------------------------------------------------------------------------


def test_a_case_goes_to_its_enterprise_committee_when_it_has_one(district, network):
    case = register(district, district.units["dinghai_a"])
    assert case.org == network.orgs["own"] and case.path == district.dinghai_union.path


def test_an_enterprise_with_a_committee_of_its_own_comes_before_its_union(district, network):
    unit = add_unit(district.dinghai, district.dinghai_union, "定海标记丁公司")
    own = services.mediation_org_create(
        name="丁公司调解委员会",
        kind=OrgKind.ENTERPRISE_COMMITTEE,
        node=district.dinghai_union,
        unit=unit,
        actor=district.users["district"],
    )
    assert register(district, unit).org == own
    assert register(district, district.units["dinghai_a"]).org == network.orgs["own"]


def test_without_a_committee_the_street_centre_mediates(district, network):
    case = register(district, district.units["dinghai_none"])
    assert case.org == network.orgs["dinghai_centre"]
    MediationOrg.unscoped.filter(pk=network.orgs["subtree"].pk).update(active=False)
    assert register(district, district.units["dinghai_b"]).org == network.orgs["dinghai_centre"]


def test_without_a_street_centre_the_district_centre_mediates(district, network):
    MediationOrg.unscoped.filter(kind=OrgKind.STREET_CENTRE).update(active=False)
    assert register(district, district.units["dinghai_none"]).org == network.orgs["district"]


def test_court_cases_go_to_the_court_room_with_the_courts_deadline(district, network):
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    case = register(
        district,
        district.units["dinghai_a"],
        channel="court",
        court_case_no="(2026)沪0110民初1234号",
        court_deadline=deadline,
    )
    assert case.org == network.orgs["court"]
    case = services.case_accept(case=case, actor=district.users["court_mediator"])
    assert case.due_on == deadline


def test_court_and_hotline_cases_need_their_numbers_and_deadlines(district, network):
    with pytest.raises(services.DisputeError):
        register(district, district.units["dinghai_a"], channel="court", court_case_no="x")
    with pytest.raises(services.DisputeError):
        register(district, district.units["dinghai_a"], channel="hotline", hotline_order_no="GD1")
    case = register(
        district,
        district.units["dinghai_a"],
        channel="hotline",
        hotline_order_no="GD20260001",
        hotline_deadline=timezone.localdate() + datetime.timedelta(days=5),
    )
    assert case.hotline_order_no == "GD20260001"
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.unscoped.filter(pk=case.pk).update(hotline_order_no="")


def test_parties_are_the_workers_and_the_employer(district, network):
    case = register(district, district.units["dinghai_a"])
    kinds = list(case.parties.values_list("kind", "name"))
    assert kinds == [("employer", "定海标记甲公司"), ("worker", "甲"), ("worker", "乙")]


# Acceptance, assignment, deadlines ---------------------------------------------------------------


def test_acceptance_starts_the_15_day_limit_and_refusal_needs_a_reason(district, network):
    case = services.case_accept(case=network.cases["own"], actor=district.users["mediator"])
    assert case.due_on == timezone.localdate() + datetime.timedelta(days=15)
    with pytest.raises(services.DisputeError):
        services.case_accept(case=case, actor=district.users["mediator"])
    with pytest.raises(services.DisputeError):
        services.case_refuse(case=network.cases["subtree"], reason=" ", actor=district.users["district"])
    refused = services.case_refuse(
        case=network.cases["subtree"], reason="已超过仲裁时效", actor=district.users["district"]
    )
    assert refused.status == "refused" and refused.refusal_reason == "已超过仲裁时效"


def test_only_a_mediator_of_the_organization_is_assigned(district, network):
    case = network.cases["own"]
    seat = case.org.mediators.get()
    services.case_assign(case=case, mediator=seat, actor=district.users["chair"])
    court_seat = network.orgs["court"].mediators.get()
    with pytest.raises(services.DisputeError):
        services.case_assign(case=case, mediator=court_seat, actor=district.users["chair"])
    assert Case.unscoped.get(pk=case.pk).mediator == seat


def test_the_timeline_records_every_step(district, network):
    case = network.cases["own"]
    mediator = district.users["mediator"]
    services.case_accept(case=case, actor=mediator)
    services.case_assign(case=case, mediator=case.org.mediators.get(), actor=mediator)
    services.case_note(case=case, note="约谈单位负责人", actor=mediator)
    services.case_close(case=case, outcome="agreement", amount=Decimal("12000.00"), actor=mediator)
    services.case_rate(case=case, satisfaction=5, actor=district.users["member"])
    steps = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert steps == ["registered", "routed", "accepted", "assigned", "note", "closed", "rated"]


def _accept_due_in(case, actor, days: int) -> Case:
    case = services.case_accept(case=case, actor=actor)
    Case.unscoped.filter(pk=case.pk).update(due_on=timezone.localdate() + datetime.timedelta(days=days))
    return Case.unscoped.get(pk=case.pk)


def test_the_deadline_alert_task_is_safe_to_run_twice(district, network):
    soon = _accept_due_in(network.cases["own"], district.users["mediator"], 2)
    _accept_due_in(network.cases["subtree"], district.users["district"], 10)  # not yet
    late = _accept_due_in(network.cases["parent"], district.users["district"], -1)
    send_deadline_alerts.enqueue()
    send_deadline_alerts.enqueue()
    alerts = set(DeadlineAlert.objects.values_list("case_id", "kind"))
    assert alerts == {(soon.pk, "due_soon"), (late.pk, "overdue")}
    assert CaseEvent.objects.filter(kind="alert").count() == 2
    # The day it passes, the case is alerted once more, as overdue, and only once.
    in_three_days = timezone.localdate() + datetime.timedelta(days=3)
    assert services.deadline_alerts_scan(today=in_three_days) == 1  # soon is now overdue; subtree not yet
    assert services.deadline_alerts_scan(today=in_three_days) == 0
    assert DeadlineAlert.objects.filter(case=soon).count() == 2


def test_closed_cases_are_not_alerted(district, network):
    case = _accept_due_in(network.cases["own"], district.users["mediator"], 1)
    services.case_close(case=case, outcome="withdrawn", actor=district.users["mediator"])
    assert services.deadline_alerts_scan() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_alert_scans_at_the_same_time_alert_once(district):
    network = make_network(district)
    for key in ("own", "subtree", "parent"):
        _accept_due_in(network.cases[key], district.users["district"], 1)
    barrier = threading.Barrier(4)
    results: list[int] = []

    def scan() -> None:
        barrier.wait()
        try:
            results.append(services.deadline_alerts_scan())
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(results) == 3
    assert DeadlineAlert.objects.count() == 3 and CaseEvent.objects.filter(kind="alert").count() == 3


# Outcomes ----------------------------------------------------------------------------------------


def test_an_agreement_records_the_amount_and_generates_the_document(district, network):
    case = services.case_accept(case=network.cases["own"], actor=district.users["mediator"])
    case = services.case_close(
        case=case, outcome="agreement", amount=Decimal("12345.60"), actor=district.users["mediator"]
    )
    assert case.amount_recovered == Decimal("12345.60")
    assert "劳动争议调解协议书" in case.agreement_text and "12345.60" in case.agreement_text
    assert "定海标记甲公司" in case.agreement_text and "张定海" in case.agreement_text
    page = Client()
    page.force_login(district.users["mediator"])
    response = page.get(reverse("disputes:case-agreement", args=[case.pk]))
    assert response.status_code == 200 and "12345.60" in response.content.decode()
    raw = connection.cursor()
    raw.execute("SELECT agreement_text FROM disputes_case WHERE id = %s", [case.pk])
    assert "12345.60" not in raw.fetchone()[0]


def test_no_agreement_gives_guidance_and_no_amount(district, network):
    case = services.case_accept(case=network.cases["own"], actor=district.users["mediator"])
    with pytest.raises(services.DisputeError):
        services.case_close(
            case=case, outcome="no_agreement", amount=Decimal("1"), actor=district.users["mediator"]
        )
    case = services.case_close(case=case, outcome="no_agreement", actor=district.users["mediator"])
    assert "仲裁" in case.guidance and case.amount_recovered == 0 and case.agreement_text == ""
    with pytest.raises(IntegrityError), transaction.atomic():
        Case.unscoped.filter(pk=case.pk).update(amount_recovered=Decimal("5"))


def test_the_worker_rates_once_after_closing(district, network):
    case = network.cases["own"]
    member = district.users["member"]
    with pytest.raises(services.DisputeError):
        services.case_rate(case=case, satisfaction=4, actor=member)
    services.case_accept(case=case, actor=district.users["mediator"])
    services.case_close(case=case, outcome="withdrawn", actor=district.users["mediator"])
    with pytest.raises(services.DisputeError):
        services.case_rate(case=case, satisfaction=4, actor=district.users["district"])
    assert services.case_rate(case=case, satisfaction=4, actor=member).satisfaction == 4
    with pytest.raises(services.DisputeError):
        services.case_rate(case=case, satisfaction=1, actor=member)


def test_a_member_files_and_follows_a_case_in_the_portal(district, network):
    client = Client()
    client.force_login(district.users["member"])
    response = client.post(
        reverse("disputes:my-case-new"), {"category": "overtime", "narrative": "加班费未支付"}
    )
    case = Case.unscoped.exclude(pk=network.cases["own"].pk).get(applicant=district.users["member"])
    assert response.status_code == 302 and response["Location"] == reverse("disputes:my-case", args=[case.pk])
    assert (
        case.channel == "portal"
        and case.org == network.orgs["own"]
        and case.unit == district.units["dinghai_a"]
    )
    page = client.get(reverse("disputes:my-case", args=[case.pk])).content.decode()
    assert case.number in page and "加班费未支付" not in page
    mediator = Client()
    mediator.force_login(district.users["mediator"])
    mediator.post(reverse("disputes:case-accept", args=[case.pk]))
    mediator.post(
        reverse("disputes:case-close", args=[case.pk]), {"outcome": "agreement", "amount": "800.00"}
    )
    case.refresh_from_db()
    assert case.status == "closed" and case.amount_recovered == Decimal("800.00")
    client.post(reverse("disputes:my-case-rate", args=[case.pk]), {"satisfaction": "5"})
    assert Case.unscoped.get(pk=case.pk).satisfaction == 5


def test_posted_status_or_org_fields_are_ignored(district, network):
    """AZ-4: the member's form takes no org, channel, status or amount."""
    client = Client()
    client.force_login(district.users["member"])
    client.post(
        reverse("disputes:my-case-new"),
        {
            "category": "wages",
            "narrative": "x",
            "org": network.orgs["pingliang_centre"].pk,
            "status": "closed",
            "channel": "court",
            "amount_recovered": "9999",
        },
    )
    case = Case.unscoped.filter(applicant=district.users["member"]).latest("pk")
    assert (case.org, case.status, case.channel, case.amount_recovered) == (
        network.orgs["own"],
        "received",
        "portal",
        0,
    )


# Legal aid ---------------------------------------------------------------------------------------


def test_legal_aid_eligibility_and_a_lawyer_of_the_street(district, network):
    wages = network.cases["own"]  # unpaid wages: eligible whatever the income
    application = services.legal_aid_apply(
        case=wages, low_income=False, migrant=False, actor=district.users["chair"]
    )
    assert application.eligible
    assert list(selectors.lawyers_for(wages)) == [network.lawyer]
    with pytest.raises(services.DisputeError):
        services.legal_aid_apply(case=wages, low_income=True, migrant=False, actor=district.users["chair"])
    granted = services.legal_aid_decide(
        application=application, grant=True, lawyer=network.lawyer, actor=district.users["dinghai_cadre"]
    )
    assert granted.status == "granted" and granted.lawyer == network.lawyer
    other = register(district, district.units["dinghai_b"])
    Case.unscoped.filter(pk=other.pk).update(category="other")
    other.refresh_from_db()
    refused = services.legal_aid_apply(
        case=other, low_income=False, migrant=False, actor=district.users["district"]
    )
    assert not refused.eligible
    with pytest.raises(services.DisputeError):
        services.legal_aid_decide(
            application=refused, grant=True, lawyer=network.lawyer, actor=district.users["district"]
        )


def test_an_open_hotline_work_order_is_alerted_before_its_own_deadline(district, network):
    order = register(
        district,
        district.units["dinghai_a"],
        channel="hotline",
        hotline_order_no="GD20260002",
        hotline_deadline=timezone.localdate() + datetime.timedelta(days=1),
    )
    assert services.deadline_alerts_scan() == 1  # not yet accepted, but the work order is due
    assert services.deadline_alerts_scan() == 0
    assert DeadlineAlert.objects.get().case_id == order.pk
