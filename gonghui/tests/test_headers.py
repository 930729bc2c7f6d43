"""Headers every page answers with: a Content-Security-Policy (Django's own) on every page, and
`Cache-Control: no-store` on every answer to a signed-in person (each may show personal data);
templates with no inline script or handler the policy would block."""

import re
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from gonghui.testing.routes import OPERATORS_ONLY

ROLES = ["district", "dinghai_cadre", "chair", "cashier", "member", None]
# Files and long reports: they answer with a download or start a job, not a page.
SKIP = re.compile(r"export|download|\.xlsx|\.csv|\.pdf|template\.|logout|i18n|setlang|openapi|jsi18n")


def plain_routes() -> list[str]:
    """Every named route without a parameter, found by walking the resolver."""
    found: list[str] = []

    def walk(patterns, namespace):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if entry.namespace in OPERATORS_ONLY or entry.pattern.converters:
                    continue
                inner = entry.namespace or None
                walk(
                    entry.url_patterns, f"{namespace}:{inner}" if namespace and inner else inner or namespace
                )
            elif isinstance(entry, URLPattern) and entry.name and not entry.pattern.converters:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                try:
                    url = reverse(name)
                except Exception:  # a regex route with groups
                    continue
                if not SKIP.search(url):
                    found.append(url)

    walk(get_resolver().url_patterns, None)
    return sorted(set(found))


@pytest.mark.django_db
def test_every_page_has_the_policy_and_every_signed_in_answer_is_not_stored(district):
    urls = plain_routes()
    assert {"/members/", "/m/", "/m/login/", "/accounts/login/", "/api/docs"} <= set(urls)
    member_detail = reverse("members:detail", args=[district.members["own"].pk])
    seen = 0
    for role in ROLES:
        client = Client()
        if role:
            client.force_login(district.users[role])
        for url in [*urls, member_detail]:
            response = client.get(url)
            seen += 1
            policy = response.headers.get("Content-Security-Policy", "")
            assert "default-src 'self'" in policy and "script-src 'self'" in policy, (role, url)
            assert "unsafe-inline" not in policy.split("style-src-attr")[0], (role, url)
            if role:
                assert "no-store" in response.headers.get("Cache-Control", ""), (
                    role,
                    url,
                    response.status_code,
                )
    assert seen > 100


@pytest.mark.django_db
def test_answers_to_no_one_may_be_cached(district):
    client = Client()
    for url in ("/accounts/login/", "/m/login/"):
        response = client.get(url)
        assert "no-store" not in response.headers.get("Cache-Control", "") and response.status_code == 200
    # An API call with a token is someone's: not stored, whatever it answers.
    response = client.get("/api/v1/members", headers={"Authorization": "Bearer not-a-token"})
    assert "no-store" in response.headers.get("Cache-Control", "")


@pytest.mark.django_db
def test_the_member_list_and_a_member_are_not_stored(district):
    client = Client()
    client.force_login(district.users["dinghai_cadre"])
    for url in (reverse("members:list"), reverse("members:detail", args=[district.members["own"].pk])):
        response = client.get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"]


TEMPLATES = sorted(Path(__file__).resolve().parents[1].glob("**/templates/**/*.html"))
SCRIPT = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
STYLE = re.compile(r"<style\b([^>]*)>", re.IGNORECASE)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


def test_templates_have_no_inline_script_style_or_handler_without_a_nonce():
    assert len(TEMPLATES) > 100
    problems = []
    for path in TEMPLATES:
        text = path.read_text()
        for attrs in SCRIPT.findall(text):
            data = 'type="application/json"' in attrs
            if "src=" not in attrs and not data and "nonce=" not in attrs:
                problems.append(f"{path}: <script{attrs}>")
        problems += [f"{path}: <style{a}>" for a in STYLE.findall(text) if "nonce=" not in a]
        problems += [f"{path}: event handler" for _ in HANDLER.findall(text)]
        if "javascript:" in text:
            problems.append(f"{path}: javascript: URL")
    assert problems == []
