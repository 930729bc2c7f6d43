"""The question asked before an SMS code is sent (SMS pumping): a small sum, kept in the
session (server side), good for one answer and ten minutes. No image, no outside service.

It is asked before every code, whether the number belongs to a member or not: asking it only
for numbers never seen would tell anyone who tries which numbers are members'."""

import secrets
import time

from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import gettext as _

SESSION_KEY = "sms_challenge"
LIFETIME = 600  # seconds


def challenge_new(session: SessionBase) -> str:
    """A new question, replacing any earlier one; the text to show."""
    a, b = 2 + secrets.randbelow(18), 2 + secrets.randbelow(18)
    session[SESSION_KEY] = {"a": a, "b": b, "until": time.time() + LIFETIME}
    return challenge_text(session)


def challenge_text(session: SessionBase) -> str:
    asked = session.get(SESSION_KEY)
    if not isinstance(asked, dict) or asked.get("until", 0) <= time.time():
        return challenge_new(session)
    return _("%(a)s 加 %(b)s 等于多少？") % {"a": asked["a"], "b": asked["b"]}


def challenge_passed(session: SessionBase, answer: str) -> bool:
    """Whether the answer is right; the question is used up either way."""
    asked = session.pop(SESSION_KEY, None)
    if not isinstance(asked, dict) or asked.get("until", 0) <= time.time():
        return False
    text = answer.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    return text.isdigit() and len(text) <= 3 and int(text) == asked["a"] + asked["b"]
