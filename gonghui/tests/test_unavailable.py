"""The error handler tells the database being unavailable (503, retry) from a bug (500)."""

from django.db import IntegrityError, OperationalError
from django.test import RequestFactory
from django.utils import translation

from gonghui.views import server_error


def handled(error: Exception, language: str = "zh-hans"):
    request = RequestFactory().get("/")
    with translation.override(language):
        try:
            raise error
        except Exception:
            return server_error(request)


def test_a_lost_connection_or_a_timeout_is_a_503_to_retry():
    response = handled(OperationalError("canceling statement due to lock timeout"))
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "系统繁忙，请稍后再试" in response.content.decode()


def test_the_cause_is_looked_for_behind_the_error_raised():
    try:
        raise OperationalError("terminating connection due to administrator command")
    except OperationalError as lost:
        wrapped = RuntimeError("while rendering")
        wrapped.__cause__ = lost
    assert handled(wrapped).status_code == 503


def test_the_503_page_speaks_english_to_english_readers():
    body = handled(OperationalError("too many connections"), "en").content.decode()
    assert "The service is busy, please try again shortly" in body and 'lang="en"' in body


def test_any_other_error_stays_a_500():
    assert handled(IntegrityError("duplicate key")).status_code == 500
    assert handled(ValueError("a bug")).status_code == 500
