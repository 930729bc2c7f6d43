"""PI-4: the request and access logs mask full ID and phone numbers in the URLs they quote,
seen through the real loggers: Django's request log, runserver's access log and gunicorn's."""

import logging
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer

from gonghui.testing.clusters import free_port

ID_NUMBER = "110105199001011234"
PHONE = "13800138000"
URL = f"/no-such-page/{ID_NUMBER}/?q={PHONE}&who=%2B86{PHONE}&spaced=138+0013+8000"
MASKED = ("110***********1234", "138****8000")


def assert_masked(text: str) -> None:
    assert ID_NUMBER not in text and PHONE not in text and "0013" not in text, text
    assert all(masked in text for masked in MASKED), text


class Keep(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.mark.django_db
def test_the_request_log_masks_the_number_in_a_path(client, caplog):
    with caplog.at_level(logging.INFO, logger="django.request"):
        assert client.get(f"/members/{ID_NUMBER}/x/{PHONE}/").status_code in (302, 404)
        assert client.get(f"/no-such-page/{ID_NUMBER}/{PHONE}/").status_code == 404
    logged = [r.getMessage() for r in caplog.records if r.name == "django.request"]
    assert logged
    for message in logged:
        assert ID_NUMBER not in message and PHONE not in message, message
    assert any(MASKED[0] in m and MASKED[1] in m for m in logged), logged


def test_runserver_access_log_masks_numbers_in_the_url():
    server = WSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    keep = Keep()
    logger = logging.getLogger("django.server")
    logger.addHandler(keep)
    thread.start()
    try:
        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(f"http://127.0.0.1:{server.server_port}{URL}", timeout=30)
        assert answer.value.code == 404
    finally:
        server.shutdown()
        server.server_close()
        logger.removeHandler(keep)
    lines = [keep.format(r) for r in keep.records]
    assert any("/no-such-page/" in line for line in lines), lines
    for line in lines:
        assert_masked(line)


def test_gunicorn_access_log_masks_numbers_in_the_url(tmp_path: Path):
    port, log = free_port(), tmp_path / "access.log"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(DJANGO_SETTINGS_MODULE="gonghui.settings", DEBUG="0", ALLOWED_HOSTS="127.0.0.1")
    server = subprocess.Popen(
        [
            *(sys.executable, "-m", "gunicorn", "gonghui.wsgi:application"),
            *("--bind", f"127.0.0.1:{port}", "--workers", "1", "--access-logfile", str(log)),
            *("--logger-class", "gonghui.lib.logfilters.MaskedAccessLogger"),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}{URL}", timeout=30)
            except urllib.error.HTTPError as answer:
                assert answer.code == 404
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not start"
                time.sleep(0.3)
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = log.read_text()
    assert "/no-such-page/" in text
    assert_masked(text)
