"""Issue 23: a representative signs in by the QR at the door, votes on a wage agreement on a
phone, and the result appears on the phone when the chair closes the vote. The chair on a
desktop (staff pages), the representative on a phone (the member's pages under /congress/m/)."""

import pytest

from gonghui.congress import services
from gonghui.congress.models import Ballot, Choice, Item, SignIn, Vote
from gonghui.testing import build_district
from gonghui.testing.congress import CongressWorld

from .logins import member_login, staff_login

PHONE = {"viewport": {"width": 390, "height": 800}, "locale": "zh-CN", "is_mobile": True, "has_touch": True}
DESK = {"viewport": {"width": 1280, "height": 900}, "locale": "zh-CN"}


def submit(page, selector):
    with page.expect_navigation():
        page.click(selector)


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_qr_sign_in_phone_vote_and_the_result_when_the_chair_closes(
    live_server, browser, flushable_append_only_tables, tmp_path
):
    d = build_district()
    world = CongressWorld(d)
    session = world.session()
    world.sign_in(session, world.seats[1:])  # five of six are in the room already
    item = world.voting_item(session, material="一、2027年度职工工资平均增长6%。")
    for seat in world.seats[1:4]:  # three colleagues in the room have voted for it
        services.vote_cast(
            item=item, representative=seat, choice=Choice.FOR, channel=Vote.Channel.ROOM, actor=None
        )
    base = live_server.url
    phone_ctx, desk_ctx = browser.new_context(**PHONE), browser.new_context(**DESK)
    try:
        phone, desk = phone_ctx.new_page(), desk_ctx.new_page()
        for page in (phone, desk):
            page.set_default_timeout(10_000)
        staff_login(desk, base, "chair")
        member_login(phone, base, d.members["own"].phone)

        # The chair shows the door's QR; the representative's phone opens what it encodes.
        desk.goto(f"{base}/congress/sessions/{session.pk}/door/")
        qr = desk.locator("#door .qr")
        assert qr.locator("svg").count() == 1
        url = qr.get_attribute("data-url")
        assert url.startswith(f"{base}/congress/m/sessions/{session.pk}/sign-in/?t=")
        phone.goto(url)
        submit(phone, "#sign-in")
        assert phone.url == f"{base}/congress/m/sessions/{session.pk}/"
        assert "签到成功" in phone.locator(".messages").inner_text()
        assert phone.locator("#signed-in").count() == 1
        assert SignIn.objects.get(session=session, representative=world.own).channel == SignIn.Channel.DOOR

        # The draft is on the phone; the representative votes for it.
        card = phone.locator(f".item[data-item='{item.pk}']")
        assert card.get_attribute("data-status") == "voting"
        card.locator("details summary").click()  # the draft's text, under 会议材料
        assert "工资专项集体协议" in card.inner_text() and "2027年度职工工资平均增长6%" in card.inner_text()
        assert no_sideways_scroll(phone)
        submit(phone, f".item[data-item='{item.pk}'] button.choice[value='for']")
        assert "投票成功" in phone.locator(".messages").inner_text()
        assert phone.locator(f".item[data-item='{item.pk}'] .voted").count() == 1
        assert phone.locator(f".item[data-item='{item.pk}'] form.vote").count() == 0
        assert Vote.objects.filter(item=item, representative=world.own).count() == 1
        phone.screenshot(path=tmp_path / "voted.png", full_page=True)

        # The chair sees the live count and closes the vote.
        desk.goto(f"{base}/congress/sessions/{session.pk}/")
        assert desk.locator("#quorum").get_attribute("data-met") == "1"
        assert "已投 4 票" in desk.locator(f".item[data-item='{item.pk}']").inner_text()
        submit(desk, f".item[data-item='{item.pk}'] .item-close")
        assert "结果已封存" in desk.locator(".messages").inner_text()
        item.refresh_from_db()
        assert item.status == Item.Status.CLOSED and item.outcome == Item.Outcome.ADOPTED  # 4 of 6 seated
        assert Ballot.objects.filter(item=item).count() == item.votes_cast == 4

        # Without reloading, the phone's page shows the sealed result (it polls while the session sits).
        phone.wait_for_selector(f".item[data-item='{item.pk}'][data-status='closed'] .result")
        result = phone.locator(f".item[data-item='{item.pk}'] .result")
        assert result.locator("strong").inner_text() == "通过" and "赞成 4" in result.inner_text()
        assert no_sideways_scroll(phone)
        phone.screenshot(path=tmp_path / "result.png", full_page=True)
    finally:
        phone_ctx.close()
        desk_ctx.close()
