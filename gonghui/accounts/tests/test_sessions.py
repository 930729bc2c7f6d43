"""The database session store: what Django's store reads, on one statement."""

import datetime

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from gonghui.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def saved_session(**data: object) -> str:
    store = SessionStore()
    store.update(data)
    store.create()
    return store.session_key  # type: ignore[return-value]


def test_a_live_session_is_read_back_on_one_select():
    key = saved_session(probe="在", renewed_at=1.5)
    with CaptureQueriesContext(connection) as queries:
        store = SessionStore(session_key=key)
        assert store["probe"] == "在"
        assert store["renewed_at"] == 1.5
    assert [q["sql"].split()[0].upper() for q in queries] == ["SELECT"]
    row = store._get_session_from_db()  # the row as the ORM would give it (dates converted)
    assert row is not None and row.expire_date > timezone.now()


def test_an_expired_or_unknown_session_is_empty_and_gets_a_new_key_when_saved():
    key = saved_session(probe="旧")
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    for session_key in (key, "nosuchsession0000000000000000000"):
        store = SessionStore(session_key=session_key)
        assert store.get("probe") is None
        store["probe"] = "新"
        store.save()
        assert store.session_key not in (None, session_key)  # never revives the old key


def test_the_site_signs_in_and_out_with_it(client, django_user_model):
    django_user_model.objects.create_user(username="sessiontest", password="x-9dK!e2pQ")
    assert client.login(username="sessiontest", password="x-9dK!e2pQ")
    key = client.cookies["sessionid"].value
    assert SessionStore(session_key=key)["_auth_user_id"]
    client.logout()
    assert not Session.objects.filter(pk=key).exists()
