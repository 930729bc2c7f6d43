"""A browser walk of every role's pages on a 390 px phone and a 1366 px desktop, with a
screenshot of each in the test's artefacts: no page of a member, a cashier or a service desk
scrolls sideways on the phone, and no page runs over three screens without pagination."""

import pytest

from .world import PHONE_ROLES, build_walk

SCREENS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1366, "height": 900}},
}
MEASURE = """() => ({
    width: document.documentElement.scrollWidth,
    height: document.documentElement.scrollHeight,
    paginated: document.querySelector('.pager') !== null,
    lang: document.documentElement.lang,
})"""


def log_in(context, client, user, base):
    client.force_login(user)
    context.add_cookies([{"name": k, "value": v.value, "url": base} for k, v in client.cookies.items()])


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("screen", SCREENS)
def test_every_role_on_a_phone_and_a_desktop(
    live_server, browser, flushable_append_only_tables, tmp_path, screen
):
    from django.test import Client

    walk = build_walk()
    size = SCREENS[screen]
    wide, tall = size["viewport"]["width"], size["viewport"]["height"]
    overflowing, too_long = [], []
    for role, urls in walk.pages.items():
        context = browser.new_context(locale="zh-CN", **size)
        try:
            if role:
                log_in(context, Client(), walk.users[role], live_server.url)
            page = context.new_page()
            page.set_default_timeout(10_000)
            for n, url in enumerate(urls):
                response = page.goto(live_server.url + url)
                assert response.status == 200, (role, url, response.status)
                shown = page.evaluate(MEASURE)
                assert shown["lang"] == "zh-hans"
                page.screenshot(path=tmp_path / f"{screen}-{role or 'anonymous'}-{n:02d}.png", full_page=True)
                if screen == "phone" and role in PHONE_ROLES and shown["width"] > wide:
                    overflowing.append((role, url, shown["width"]))
                if shown["height"] > 3 * tall and not shown["paginated"]:
                    too_long.append((role, url, shown["height"]))
        finally:
            context.close()
    assert overflowing == []
    assert too_long == []
