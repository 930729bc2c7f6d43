import logging
import re
from typing import Any

from gunicorn import glogging


class DropConflicts(logging.Filter):
    """Leaves 409 answers out of the request log. A 409 is a business answer (the last place
    went to someone else), not a fault; a flash sale gives thousands of them a second."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 409


# A run of eleven digits or more, possibly split by spaces, dashes, plus signs or their URL
# escapes: an 18- or 15-digit ID number, a mobile number with or without +86, typed any way.
DIGIT_RUN = re.compile(r"(?<![0-9])[0-9](?:(?:%20|%2[bBdD]|[ +\-])?[0-9]){10,}(?:[Xx](?![0-9A-Za-z]))?")


def mask_digit_runs(text: str) -> str:
    """138****8000 for any long number in a logged URL: the first three and the last four digits."""

    def mask(match: re.Match[str]) -> str:
        digits = re.sub(r"%20|%2[bBdD]|[ +\-]", "", match.group(0))
        return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]

    return DIGIT_RUN.sub(mask, text)


class MaskNumbersInUrls(logging.Filter):
    """Request and access logs (django.request, runserver's django.server, gunicorn's access
    log) quote the URL: every long digit run in it is masked before any handler sees the record
    (PI-4). Set on the logger, so every handler, file or console, gets the masked text."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = mask_digit_runs(message)
        if masked != message:
            record.msg, record.args = masked, None
        return True


class MaskedAccessLogger(glogging.Logger):
    """gunicorn's logger with the URL, query and headers of its access log masked
    (`gunicorn --logger-class gonghui.lib.logfilters.MaskedAccessLogger`)."""

    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        atoms = super().atoms(resp, req, environ, request_time)
        return {k: mask_digit_runs(v) if isinstance(v, str) else v for k, v in atoms.items()}
