"""Every page each role opens, rendered in zh-hans, shows no English: the visible text and the
texts people read in attributes (placeholders, titles, labels, button values) hold no ASCII
word outside a short allow-list of names that are written so in Chinese too."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from .world import build_walk

pytestmark = pytest.mark.django_db

ALLOWED = {
    "English",  # the language switch offers English in English
    "Excel",
    "CSV",
    "PDF",
    "JPEG",
    "PNG",
    "UTF",
    "GBK",
    "YYYY",
    "MM",
    "DD",
    "TJ",  # record numbers: TJ (case), BZ (claim), JY (sale)
    "BZ",
    "JY",
    "xlsx",  # file extensions
    "xls",
    "csv",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
READ_ATTRIBUTES = ("placeholder", "title", "aria-label", "alt")
WORD = re.compile(r"[A-Za-z]{2,}")


class Texts(HTMLParser):
    """The texts a reader reads. Skipped: scripts and styles, and what the page marks as not
    language (`<code>`, `translate="no"`: an account name, a code to type at a counter)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.open: list[bool] = []  # per open element: is its content skipped

    @property
    def skipping(self) -> bool:
        return any(self.open)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if not self.skipping:
            self.texts += [values[a] or "" for a in READ_ATTRIBUTES if a in values]
            if tag == "input" and values.get("type") in ("submit", "button"):
                self.texts.append(values.get("value") or "")
        if tag not in VOID:
            self.open.append(tag in ("script", "style", "code") or values.get("translate") == "no")

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.texts.append(data)


def english_words(html: str) -> set[str]:
    parser = Texts()
    parser.feed(html)
    return {word for text in parser.texts for word in WORD.findall(text)} - ALLOWED


def test_english_words_are_found():
    """The scan itself: it finds what it is for, and lets through what it allows."""
    html = '<p>姓名</p><input placeholder="Search"><button>保存</button><p>- Select an option -</p>'
    assert english_words(html) == {"Search", "Select", "an", "option"}
    assert english_words("<p>导出 Excel · CSV</p><script>let x = 1;</script>") == set()
    assert english_words('<p>账号 <code>cashier01</code> <span translate="no">AB</span> ok</p>') == {"ok"}


def test_no_page_of_any_role_shows_english():
    walk = build_walk()
    found = {}
    for role, urls in walk.pages.items():
        client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
        if role:
            client.force_login(walk.users[role])
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, (role, url, response.status_code)
            if words := english_words(response.content.decode()):
                found[(role, url)] = sorted(words)
    assert found == {}, "\n".join(f"{k}: {v}" for k, v in found.items())


def test_the_error_pages_speak_chinese_with_a_way_back():
    walk = build_walk()
    client = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    client.force_login(walk.users["dinghai_cadre"])
    response = client.get("/members/999999999/")
    page = response.content.decode()
    assert response.status_code == 404 and "页面不存在" in page and 'href="/"' in page
    assert english_words(page) == set()
