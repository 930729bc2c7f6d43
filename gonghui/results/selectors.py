"""Reads of the results pages: the tree around a dashboard's node, and the public pages'
rows (boards and the big screen have no signed-in reader to scope by: they read what was
published, through the explicit `unscoped` manager, and only that)."""

from django.db.models import QuerySet

from gonghui.organizations.models import Node

from .models import FigureCache, PublicBoard

__all__ = ["ancestors_in_scope", "children_to_compare", "public_boards", "public_rows"]

MAX_CHILDREN = 30  # bars a subtree chart can show and still be read


def ancestors_in_scope(nodes: QuerySet[Node], node: Node, scope: str) -> list[Node]:
    """The nodes from the reader's own down to the one shown (itself left out)."""
    step = Node.steplen
    paths = [node.path[:end] for end in range(len(scope), len(node.path), step)]
    return list(nodes.filter(path__in=paths).only("pk", "name", "path").order_by("path"))


def children_to_compare(nodes: QuerySet[Node], node: Node) -> list[Node]:
    """The nodes right below, as the subtree charts compare them: all of them up to
    MAX_CHILDREN, else the largest by today's members (the rollup)."""
    below = nodes.filter(path__startswith=node.path, depth=node.depth + 1)
    if below.count() <= MAX_CHILDREN:
        return list(below.order_by("path"))
    sized: list[tuple[int, str, Node]] = []
    for child in below.select_related("kpi_rollup"):
        rollup = getattr(child, "kpi_rollup", None)
        sized.append((-(rollup.figures.get("members", 0) if rollup else 0), child.path, child))
    return [child for _size, _path, child in sorted(sized, key=lambda s: s[:2])[:MAX_CHILDREN]]


def public_boards() -> QuerySet[PublicBoard]:
    return PublicBoard.unscoped.filter(published=True).select_related("node")


def public_rows(node: Node) -> QuerySet[FigureCache]:
    """The cached figures of a node and the nodes right below it, for a published page."""
    return FigureCache.unscoped.filter(path__startswith=node.path, node__depth__lte=node.depth + 1)


def public_node(node_id: int) -> Node | None:
    """The node a signed link or a published board names (no reader to scope by)."""
    found: Node | None = Node.objects.filter(pk=node_id).first()
    return found


def street_nodes(node: Node) -> list[Node]:
    """The nodes right below, for a public page's map."""
    return list(Node.objects.filter(path__startswith=node.path, depth=node.depth + 1).order_by("path"))
