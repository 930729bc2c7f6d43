"""Settings for the test suite: the real ones, with fast hashing, immediate
tasks and an SMS gateway that keeps what it sends."""

import tempfile
from pathlib import Path

from .settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
SMS_GATEWAY = "gonghui.accounts.sms.MemoryGateway"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Reviews and yearbooks written by tests go to a temporary folder, not the checkout's var/.
REPORTS_DIR = Path(tempfile.gettempdir()) / "gonghui-test-reports"
