from typing import Any

from gonghui.lib.scoping import district_of, move_to_district, on_cluster

from .models import Card


def cards_follow_their_members(sender: Any, member_ids: list[int], path: str, **kwargs: Any) -> None:
    """Members moved to `path`: their cards go with them, path and district key (on a cluster
    distributed by district, to their member's shard: a move there is an insert and a delete)."""
    cards = Card.unscoped.filter(member_id__in=member_ids)
    if on_cluster(Card):
        move_to_district(Card, list(cards.values_list("pk", flat=True)), path)
        cards.exclude(path=path).update(path=path)
    else:
        cards.exclude(path=path).update(path=path, district=district_of(path))
