"""Issue 6: a worker files a mediation request from the phone portal; a mediator of the
committee it is routed to accepts it, records a note and closes it with an agreement;
the worker then sees the outcome. The narrative never shows on a list page."""

import re
from decimal import Decimal

import pytest
from django.utils import timezone

from gonghui.audit.models import AuditRecord
from gonghui.disputes import services
from gonghui.disputes.models import Case, CaseStatus, Channel, EventKind, OrgKind, Outcome
from gonghui.testing import build_district

from .logins import member_login, staff_login

NARRATIVE = "标记案情E2E：车间主任口头通知停工，三月和四月的加班费共八千六百五十元五角至今未付"
OTHER_NARRATIVE = "标记案情E2E：另一名来访职工的工资争议"
SIBLING_NARRATIVE = "标记案情E2E：平凉路街道的案件"
NOTE = "标记调解记录：已电话联系单位人事，单位同意调解"
TERMS = "四、单位为申请人出具离职证明。"
AMOUNT = Decimal("8650.50")


def build_network(d):
    """The network of gonghui/disputes/tests/conftest.py, without its cases: the centres,
    a committee in each union, and the "mediator" persona seated in the committee of the
    member's union."""
    staff = d.users["district"]
    orgs = {
        "district": services.mediation_org_create(
            name="区法律援助中心", kind=OrgKind.DISTRICT_CENTRE, node=d.root, actor=staff
        ),
        "dinghai_centre": services.mediation_org_create(
            name="定海路街道法律援助工作站", kind=OrgKind.STREET_CENTRE, node=d.dinghai, actor=staff
        ),
    }
    for key, union in (("own", d.dinghai_union), ("sibling", d.pingliang_union)):
        orgs[key] = services.mediation_org_create(
            name=f"{union.name}调解委员会", kind=OrgKind.ENTERPRISE_COMMITTEE, node=union, actor=staff
        )
    services.mediator_appoint(user=d.users["mediator"], org=orgs["own"], actor=staff)
    return orgs


def walk_in(d, unit, narrative):
    return services.case_register(
        channel=Channel.WALK_IN,
        category="wages",
        unit=unit,
        narrative=narrative,
        workers=[services.Worker(name="来访职工", phone="13912345678")],
        actor=d.users["district"],
    )


def submit(page, form_selector):
    with page.expect_navigation():
        page.click(f"{form_selector} button[type=submit]")


def assert_no_narrative(page, url):
    page.goto(url)
    html = page.content()
    assert "标记案情E2E" not in html, url


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_a_worker_files_a_request_and_a_mediator_closes_it_with_an_agreement(
    live_server, browser, page, tmp_path
):
    d = build_district()
    orgs = build_network(d)
    own_member, member_user, mediator = d.members["own"], d.users["member"], d.users["mediator"]
    unit = d.units["dinghai_a"]
    other = walk_in(d, unit, OTHER_NARRATIVE)  # the same committee's queue
    sibling = walk_in(d, d.units["pingliang_c"], SIBLING_NARRATIVE)  # another street's committee
    base = live_server.url

    # The worker, on a phone, files the request.
    phone_context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 800}, is_mobile=True, has_touch=True
    )
    worker = phone_context.new_page()
    worker.set_default_timeout(10_000)
    member_login(worker, base, own_member.phone)
    worker.goto(base + "/disputes/my/")
    assert "您还没有调解申请" in worker.content()
    with worker.expect_navigation():
        worker.click("a.button[href$='/disputes/my/new/']")
    assert unit.name in worker.locator("form.card").inner_text()  # the employer, from the member's file
    worker.select_option("select[name=category]", "overtime")
    worker.fill("textarea[name=narrative]", NARRATIVE)
    submit(worker, "form.card")

    case = Case.unscoped.get(applicant=member_user)
    assert worker.url == f"{base}/disputes/my/{case.pk}/"
    assert (case.channel, case.category, case.status) == (Channel.PORTAL, "overtime", CaseStatus.RECEIVED)
    assert case.org == orgs["own"] and case.unit == unit and case.narrative == NARRATIVE
    workers = case.parties.filter(kind="worker")
    assert [(p.name, p.member_id) for p in workers] == [(own_member.name, own_member.pk)]
    assert case.parties.get(kind="employer").unit == unit
    shown = worker.locator(".card").first.inner_text()
    assert case.number in shown and "待受理" in shown and orgs["own"].name in shown
    assert_no_narrative(worker, base + "/disputes/my/")
    assert worker.locator(f"a[href='/disputes/my/{case.pk}/']").inner_text() == case.number

    # The mediator finds it in the queue, with the committee's other case and nothing else.
    case_reads = []
    page.on(
        "response",
        lambda r: (
            case_reads.append(r.url)
            if r.status == 200 and re.search(rf"/disputes/{case.pk}/(agreement/)?$", r.url)
            else None
        ),
    )
    staff_login(page, base, "mediator")
    assert_no_narrative(page, base + "/disputes/")
    rows = page.locator("table tbody tr")
    assert rows.count() == 2
    assert rows.filter(has_text=other.number).count() == 1
    assert sibling.number not in page.content()
    row = rows.filter(has_text=case.number)
    assert "待受理" in row.inner_text() and unit.name in row.inner_text()
    with page.expect_navigation():
        row.locator("a").click()
    assert NARRATIVE in page.locator(".card").nth(1).inner_text()  # the case file shows it

    # Accept, take the case, note, close with an agreement.
    submit(page, f"form[action='/disputes/{case.pk}/accept/']")
    assert "调解中" in page.locator(".card").first.inner_text()
    seat = mediator.mediator_seats.get(org=orgs["own"])
    page.select_option("select[name=mediator]", str(seat.pk))
    submit(page, f"form[action='/disputes/{case.pk}/assign/']")
    page.fill("textarea[name=note]", NOTE)
    submit(page, f"form[action='/disputes/{case.pk}/note/']")
    assert NOTE in page.locator("ol.timeline").inner_text()
    close = f"form[action='/disputes/{case.pk}/close/']"
    page.select_option(f"{close} select[name=outcome]", Outcome.AGREEMENT)
    page.fill(f"{close} input[name=amount]", str(AMOUNT))
    page.fill(f"{close} textarea[name=terms]", TERMS)
    submit(page, close)

    summary = page.locator(".card").first.inner_text()
    assert "已结案" in summary and "达成调解协议" in summary and f"¥{AMOUNT:,.2f}" in summary
    assert page.locator(f"{close}").count() == 0

    with page.expect_navigation():
        page.click(f"a[href='/disputes/{case.pk}/agreement/']")
    document = page.locator("pre.document").inner_text()
    assert document.startswith("劳动争议调解协议书")
    for text in (case.number, own_member.name, unit.name, unit.uscc, orgs["own"].name, str(AMOUNT), TERMS):
        assert text in document, text
    assert f"调解员（签名）：{seat}" in document
    page.screenshot(path=tmp_path / "agreement.png", full_page=True)

    assert_no_narrative(page, base + "/disputes/")
    assert_no_narrative(page, base + "/disputes/?status=closed")
    closed_row = page.locator("table tbody tr").filter(has_text=case.number)
    assert "已结案" in closed_row.inner_text() and "达成调解协议" in closed_row.inner_text()

    # The database: outcome, amount, timeline, audit.
    case.refresh_from_db()
    assert (case.status, case.outcome, case.mediator) == (CaseStatus.CLOSED, Outcome.AGREEMENT, seat)
    assert isinstance(case.amount_recovered, Decimal) and case.amount_recovered == AMOUNT
    assert case.accepted_at <= case.closed_at
    assert case.due_on == services.legal_due(case, timezone.localdate(case.accepted_at))
    assert case.agreement_text.strip() == document.strip()
    events = list(case.events.values_list("kind", "actor_id", "note"))
    assert [kind for kind, _actor, _note in events] == [
        EventKind.REGISTERED,
        EventKind.ROUTED,
        EventKind.ACCEPTED,
        EventKind.ASSIGNED,
        EventKind.NOTE,
        EventKind.CLOSED,
    ]
    assert [actor for _kind, actor, _note in events] == [member_user.pk] * 2 + [mediator.pk] * 4
    assert events[4][2] == NOTE and events[1][2] == orgs["own"].name
    audit = AuditRecord.objects.filter(object_type="disputes.case", object_id=str(case.pk))
    mediator_reads = audit.filter(action="case.read", actor=mediator)
    assert mediator_reads.count() == len(case_reads) > 0
    assert all(r.actor_label == "mediator" and r.ip for r in mediator_reads)
    assert audit.filter(action="case.register", actor=member_user).count() == 1
    for action in ("case.accept", "case.assign", "case.note", "case.close"):
        assert audit.filter(action=action, actor=mediator).count() == 1, action
    assert audit.get(action="case.close").detail == {"outcome": Outcome.AGREEMENT, "amount": str(AMOUNT)}
    assert not AuditRecord.objects.filter(object_id=str(sibling.pk), action="case.read", actor=mediator)

    # The worker sees the outcome, but not the mediator's internal note.
    reads_before = audit.filter(action="case.read", actor=member_user).count()
    worker.goto(f"{base}/disputes/my/{case.pk}/")
    shown = worker.locator(".card").first.inner_text()
    assert "已结案" in shown and "达成调解协议" in shown and f"¥{AMOUNT:,.2f}" in shown
    steps = worker.locator("ol.timeline li").all_inner_texts()
    assert [s.split()[-1] for s in steps] == ["登记", "分流", "受理", "指派调解员", "结案"]
    assert NOTE not in worker.content()
    assert worker.locator("select[name=satisfaction]").is_visible()
    assert audit.filter(action="case.read", actor=member_user).count() == reads_before + 1
    worker.screenshot(path=tmp_path / "worker_outcome.png", full_page=True)
    assert_no_narrative(worker, base + "/disputes/my/")
    card = worker.locator(".card").filter(has_text=case.number)
    assert "已结案" in card.inner_text() and "达成调解协议" in card.inner_text()
    phone_context.close()
    print(f"screenshots: {tmp_path}")
