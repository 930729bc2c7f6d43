"""The results layer's writes: a public board's settings and a big-screen link, each audited."""

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.organizations.models import Node

from .links import MAX_HOURS, screen_token
from .models import PublicBoard
from .registry import figure_sets

if TYPE_CHECKING:
    from gonghui.accounts.models import User

__all__ = ["ResultsError", "board_save", "publishable", "screen_link_create"]


class ResultsError(Exception):
    """The message says what is wrong, in Chinese."""


def publishable() -> list[str]:
    """The figures a board may publish: every single-number figure of the registry, as
    "key" for the spine's and "group.key" for a module's."""
    return [
        f"{figures.group}.{figure.key}" if figures.group else figure.key
        for figures in figure_sets()
        for figure in figures.figures
        if not figure.by
    ]


@transaction.atomic
def board_save(
    *,
    node: Node,
    title: str,
    figures: Sequence[str],
    calendar: bool,
    published: bool,
    actor: "User",
    audit: AuditContext = NO_REQUEST,
) -> PublicBoard:
    allowed = publishable()
    unknown = [key for key in figures if key not in allowed]
    if unknown:
        raise ResultsError(_("未知的指标：%(keys)s") % {"keys": "、".join(unknown)})
    title = title.strip()
    if not title:
        raise ResultsError(_("请填写看板标题。"))
    board, _created = PublicBoard.unscoped.update_or_create(
        node=node,
        defaults={
            "title": title[:60],
            "figures": [key for key in allowed if key in figures],
            "calendar": calendar,
            "published": published,
        },
    )
    audit_record(
        actor=actor,
        action="results.board.save",
        target=board,
        audit=audit,
        detail={"figures": board.figures, "calendar": calendar, "published": published},
    )
    return board


def screen_link_create(
    *, node: Node, hours: int, actor: "User", audit: AuditContext = NO_REQUEST
) -> tuple[str, datetime.datetime]:
    """A signed link to the node's big screen that lasts `hours`; returns it and its end."""
    if not 1 <= hours <= MAX_HOURS:
        raise ResultsError(_("有效期应在 1 小时至 %(days)s 天之间。") % {"days": MAX_HOURS // 24})
    token = screen_token(node.pk, hours)
    ends = timezone.now() + datetime.timedelta(hours=hours)
    audit_record(
        actor=actor,
        action="results.screen_link.create",
        target=node,
        audit=audit,
        detail={"hours": hours, "expires": ends.isoformat()},
    )
    return token, ends
