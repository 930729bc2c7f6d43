"""FZ-2: malformed input answers 4xx, never 5xx; DP-1: deploy checks and migrations."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

ROOT = Path(__file__).resolve().parents[2]
BAD_QUERIES = [
    "q=%00",
    "page=abc",
    "page=-1",
    "node=x",
    "node=99999999999999999999",
    "status=zzz",
    "coverage=%ff%fe",
    "q=" + "长" * 500,
    "flagged=maybe",
    "covered=perhaps",
]


def concrete_paths() -> list[str]:
    """Every route with its parameters filled with a plausible id."""
    paths = []

    def walk(patterns, prefix):
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + str(p.pattern))
            elif isinstance(p, URLPattern):
                route = prefix + str(p.pattern)
                if route.startswith(("ops/admin", "i18n", "^")) or "(?P" in route:
                    continue
                for param in (
                    "<int:pk>",
                    "<int:node_id>",
                    "<node_id>",
                    "<unit_id>",
                    "<member_id>",
                    "<int:unit_id>",
                    "<int:member_id>",
                ):
                    route = route.replace(param, "1")
                paths.append("/" + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns, "")
    return sorted(set(paths))


@pytest.mark.django_db
@pytest.mark.parametrize("username", ["district", "chair", "member"])
def test_malformed_queries_and_forms_never_answer_5xx(district, username):
    client = Client(raise_request_exception=False)
    client.force_login(district.users[username])
    paths = concrete_paths()
    assert len(paths) > 15
    for path in paths:
        for query in BAD_QUERIES:
            response = client.get(f"{path}?{query}")
            assert response.status_code < 500, f"GET {path}?{query}: {response.status_code}"
        for data in (
            {"q": "\x00"},
            {"reason": "a\x00b", "field": "id_number"},
            {"status": "left\x00"},
            {"to_union": "\x00"},
            {"phone": "1\x003", "code": "12\x00456"},
        ):
            response = client.post(path, data)
            assert response.status_code < 500, f"POST {path} {data}: {response.status_code}"


@pytest.mark.django_db
def test_a_nul_byte_is_a_400(district):
    client = Client()
    client.force_login(district.users["chair"])
    assert client.get("/members/?q=%00").status_code == 400
    assert client.post("/members/1/status/", {"status": "left\x00"}).status_code == 400
    response = client.get("/api/v1/members?q=%00")
    assert response.status_code == 400


def test_deploy_checks_pass_with_production_settings():
    # A production process: not the test run's environment (browser tests allow async-unsafe ORM).
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "GONGHUI_ENV": "production",
        "SECRET_KEY": "x" * 20 + "production-secret-key-for-check-only-123456",
        "FIELD_ENCRYPTION_KEY": "00" * 32,
        "BLIND_INDEX_KEY": "11" * 32,
        "ALLOWED_HOSTS": "gonghui.example",
        "DJANGO_SETTINGS_MODULE": "gonghui.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_migrations_are_complete():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "gonghui.settings"}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_sessions_live_in_redis_when_a_redis_url_is_given():
    """CI starts Redis and names it in TEST_REDIS_URL: there, an unreachable Redis fails."""
    if not (redis_url := os.environ.get("TEST_REDIS_URL")):
        pytest.skip("TEST_REDIS_URL is not set")
    script = (
        "import django; django.setup()\n"
        "from django.conf import settings; from importlib import import_module\n"
        "store = import_module(settings.SESSION_ENGINE).SessionStore()\n"
        "store['probe'] = 42; store.save()\n"
        "again = import_module(settings.SESSION_ENGINE).SessionStore(session_key=store.session_key)\n"
        "print(settings.SESSION_ENGINE, again['probe'])\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gonghui.settings",
        "REDIS_URL": redis_url,
    }
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.stdout.split() == ["django.contrib.sessions.backends.cache", "42"], result.stderr[-500:]
