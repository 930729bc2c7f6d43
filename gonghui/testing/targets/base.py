"""How the access walker places a route: the objects it takes, by where they hang; which
personas reach them; what a POST sends. Relations are seen from the chair's union:

- own: hangs on the chair's union (定海标记甲) and, where a person owns things, is the
  persona's own (the member's claim, the cashier's store's sale, the mediator's committee's
  case, the venue staff's venue);
- subtree: hangs on another union of the same street, inside the street cadre's subtree;
- sibling: hangs in the sibling street (平凉路);
- parent: hangs on the street node itself, above the chair's union;
- unrelated: hangs in another district's tree, which no persona of this one reaches;
- missing: an id no object has."""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model

from gonghui.accounts.models import User
from gonghui.lib.roles import Role
from gonghui.members.models import Member
from gonghui.organizations.models import Node, Unit
from gonghui.testing.district import District, add_member, add_unit

RELATIONS = ("own", "subtree", "sibling", "parent", "unrelated")
ROLES = (
    "district",
    "dinghai_cadre",
    "pingliang_cadre",
    "chair",
    "member",
    "cashier",
    "mediator",
    "venue_staff",
    "assessor",
)
MISSING = 10**9  # an id no object has

type Ids = tuple[int | str, ...]  # a signed link takes its token
type Objects = dict[str, dict[str, Ids]]  # kind -> relation -> the ids the URL takes
type Reach = Mapping[str, frozenset[str]]  # persona -> the relations in reach

EVERYWHERE = frozenset({"own", "subtree", "sibling", "parent"})
TREE: Reach = {
    "district": EVERYWHERE,
    "dinghai_cadre": frozenset({"own", "subtree", "parent"}),
    "pingliang_cadre": frozenset({"sibling"}),
    "chair": frozenset({"own"}),
}
BACK_OFFICE = ("district", "dinghai_cadre", "pingliang_cadre", "chair")
OWN = frozenset({"own"})


def reach(base: Reach = TREE, **roles: frozenset[str]) -> Reach:
    """The tree's reach (or `base`), with some personas' own reach beside it."""
    return {**base, **roles}


@dataclass(frozen=True)
class Target:
    kind: str  # which objects the route takes (a key of its group's Objects)
    reach: Reach = field(default_factory=lambda: TREE)
    post: Mapping[str, Any] | Callable[[], Mapping[str, Any]] = field(default_factory=dict)

    def data(self) -> Mapping[str, Any]:
        """Fresh form data for one POST (an upload is read once)."""
        return self.post() if callable(self.post) else self.post


@dataclass(frozen=True)
class Place:
    """Where an object of one relation hangs: its node, that node's street, an employer there
    and a member of it (none on a street node)."""

    node: Node
    street: Node
    unit: Unit
    member: Member | None


def places(d: District) -> dict[str, Place]:
    root = Node.objects.add_root({"name": "外区总工会", "kind": Node.Kind.DISTRICT})
    street = Node.objects.add_child(root, {"name": "外区街道", "kind": Node.Kind.STREET})
    union = Node.objects.add_child(street, {"name": "外区标记公司工会", "kind": Node.Kind.GRASSROOTS})
    street = Node.objects.get(pk=street.pk)
    unit = add_unit(street, union, "外区标记公司")
    return {
        "own": Place(d.dinghai_union, d.dinghai, d.units["dinghai_a"], d.members["own"]),
        "subtree": Place(d.dinghai_union_b, d.dinghai, d.units["dinghai_b"], d.members["subtree"]),
        "sibling": Place(d.pingliang_union, d.pingliang, d.units["pingliang_c"], d.members["sibling"]),
        "parent": Place(d.dinghai, d.dinghai, d.units["dinghai_none"], None),
        "unrelated": Place(union, street, unit, add_member(union, unit, "吴外区")),
    }


# Personas that are not the district's own accounts: made on first use.
EXTRA_PERSONAS = {"venue_staff": Role.VENUE_STAFF, "assessor": Role.ASSESSOR}


def persona(d: District, role: str) -> User:
    """The account of a role. Venue staff and the assessor are not the district's: they are made
    on first use."""
    if role in d.users:
        return d.users[role]
    user, _created = User.objects.get_or_create(username=role, defaults={"role": EXTRA_PERSONAS[role]})
    return user


def ids(objects: Mapping[str, Model | None]) -> dict[str, Ids]:
    """One object per relation, as the single id its URLs take."""
    return {relation: (obj.pk,) for relation, obj in objects.items() if obj is not None}


@dataclass(frozen=True)
class Group:
    """One module's id-taking routes and the objects they take."""

    routes: Mapping[str, Target]
    build: Callable[[District, dict[str, Place]], Objects]
