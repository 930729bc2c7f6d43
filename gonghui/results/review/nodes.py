from django.db.models import Q

from gonghui.organizations.models import Node


def node_from_text(text: str) -> Node | None:
    """The one node a command names by path, id or exact name; None when none or several do."""
    lookup = Q(path=text) | Q(name=text)
    if text.isdigit():
        lookup |= Q(pk=int(text))
    matches = list(Node.objects.filter(lookup)[:2])
    return matches[0] if len(matches) == 1 else None
