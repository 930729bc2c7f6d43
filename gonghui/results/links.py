"""Signed links to the big screen: a screen in a hall runs with no one signed in, so the link
itself is the permission. It names a node and how long it lasts, is signed with the site's key
(django.core.signing, its own salt) and refused once its time is up or if changed at all."""

import datetime

from django.core import signing
from django.utils.translation import gettext as _

SALT = "gonghui.results.screen"
MAX_HOURS = 24 * 90


class LinkRefused(Exception):
    """The message says why, in Chinese."""


def screen_token(node_id: int, hours: int) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"n": node_id, "h": hours}, compress=True)


def screen_node_id(token: str) -> int:
    """The node a link shows; raises LinkRefused for a changed, malformed or expired link."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        payload = signer.unsign_object(token)
        node_id, hours = int(payload["n"]), int(payload["h"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise LinkRefused(_("大屏链接无效：链接不完整或被改动过。请向区总工会索取新的链接。")) from None
    if not 1 <= hours <= MAX_HOURS:
        raise LinkRefused(_("大屏链接无效。"))
    try:
        signer.unsign_object(token, max_age=datetime.timedelta(hours=hours))
    except signing.SignatureExpired:
        raise LinkRefused(_("大屏链接已过期，请向区总工会索取新的链接。")) from None
    return node_id
