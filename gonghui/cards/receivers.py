from typing import Any

from gonghui.lib.scoping import repath

from .models import Card


def cards_follow_their_members(sender: Any, member_ids: list[int], path: str, **kwargs: Any) -> None:
    """Members moved to `path`: their cards go with them, path and district key (on a cluster
    distributed by district, to their member's shard: a move there is an insert and a delete)."""
    repath(Card.unscoped.filter(member_id__in=member_ids).exclude(path=path), path)
