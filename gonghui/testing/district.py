"""A small district for tests: two sibling streets with marker names, a union in
each, units and members, and an account for every role (the personas)."""

import datetime
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from stdnum.cn import ric, uscc

from gonghui.accounts.models import User
from gonghui.lib.pinyin import initials
from gonghui.lib.roles import Role
from gonghui.members.identity import id_blind_index, phone_blind_index
from gonghui.members.models import Member
from gonghui.organizations.models import Node, Unit

PASSWORD = "correct horse battery"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def make_id(n: int, *, region: str = "310110", birth: str = "19850312", male: bool = True) -> str:
    seq = (n % 500) * 2 + (1 if male else 0)
    body = f"{region}{birth}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def make_uscc(n: int) -> str:
    body = f"91310110{n:09d}"
    return body + uscc.calc_check_digit(body + "0")


def make_phone(n: int) -> str:
    return f"139{n:08d}"


@dataclass
class District:
    root: Node
    dinghai: Node
    pingliang: Node
    dinghai_union: Node
    dinghai_union_b: Node
    pingliang_union: Node
    units: dict[str, Unit] = field(default_factory=dict)
    members: dict[str, Member] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)


_counter = iter(range(1, 10**9))


def add_member(
    union: Node, unit: Unit | None, name: str, *, status: str = "active", problem: str = ""
) -> Member:
    n = next(_counter)
    # Numbers of their own (another district's region code, phones from 139 5000 0000 up), so
    # they never meet the ones a test makes with make_id(n) and make_phone(n) for its own rows.
    id_number, phone = make_id(n, region="310115"), make_phone(50_000_000 + n)
    member = Member(
        name=name,
        name_initials="",
        gender="M",
        birth_date=datetime.date(1985, 3, 12),
        id_number=id_number,
        id_index=id_blind_index(id_number),
        phone=phone,
        phone_index=phone_blind_index(phone),
        union=union,
        unit=unit,
        joined_on=datetime.date(2014, 5, 1),
        member_no=f"T{n:09d}",
        status=status,
        id_problem=problem,
    )
    member.name_initials = initials(name)
    member.save()
    return member


def add_unit(street: Node, union: Node | None, name: str, workforce: int = 10, eligible: bool = True) -> Unit:
    return Unit.unscoped.create(
        name=name,
        uscc=make_uscc(next(_counter)),
        industry="I",
        ownership="170",
        workforce=workforce,
        street=street,
        must_have_union=eligible,
        union=union,
        covered_on=datetime.date(2013, 6, 1) if union else None,
    )


def build_district() -> District:
    root = Node.objects.add_root({"name": "测试区总工会", "kind": Node.Kind.DISTRICT})
    dinghai = Node.objects.add_child(root, {"name": "定海路街道", "kind": Node.Kind.STREET})
    pingliang = Node.objects.add_child(root, {"name": "平凉路街道", "kind": Node.Kind.STREET})
    dinghai_union = Node.objects.add_child(
        dinghai,
        {"name": "定海标记甲公司工会", "kind": Node.Kind.GRASSROOTS, "founded_on": datetime.date(2013, 6, 1)},
    )
    dinghai = Node.objects.get(pk=dinghai.pk)
    dinghai_union_b = Node.objects.add_child(
        dinghai,
        {"name": "定海标记乙公司工会", "kind": Node.Kind.GRASSROOTS, "founded_on": datetime.date(2015, 2, 1)},
    )
    pingliang_union = Node.objects.add_child(
        pingliang,
        {"name": "平凉标记丙公司工会", "kind": Node.Kind.GRASSROOTS, "founded_on": datetime.date(2010, 1, 1)},
    )
    d = District(root, dinghai, pingliang, dinghai_union, dinghai_union_b, pingliang_union)
    d.units["dinghai_a"] = add_unit(dinghai, dinghai_union, "定海标记甲公司", workforce=4)
    d.units["dinghai_b"] = add_unit(dinghai, dinghai_union_b, "定海标记乙公司", workforce=2)
    d.units["dinghai_none"] = add_unit(dinghai, None, "定海标记未建会公司", workforce=30)
    d.units["pingliang_c"] = add_unit(pingliang, pingliang_union, "平凉标记丙公司", workforce=5)
    d.members["own"] = add_member(dinghai_union, d.units["dinghai_a"], "张定海")
    d.members["colleague"] = add_member(dinghai_union, d.units["dinghai_a"], "李定海")
    d.members["flagged"] = add_member(dinghai_union, d.units["dinghai_a"], "王重复", problem="duplicate")
    d.members["left"] = add_member(dinghai_union, d.units["dinghai_a"], "赵离开", status="left")
    d.members["subtree"] = add_member(dinghai_union_b, d.units["dinghai_b"], "钱定海乙")
    d.members["sibling"] = add_member(pingliang_union, d.units["pingliang_c"], "孙平凉")
    d.members["sibling2"] = add_member(pingliang_union, d.units["pingliang_c"], "周平凉")
    password = make_password(PASSWORD)
    specs = {
        "district": (Role.DISTRICT_STAFF, root),
        "dinghai_cadre": (Role.STREET_CADRE, dinghai),
        "pingliang_cadre": (Role.STREET_CADRE, pingliang),
        "chair": (Role.GRASSROOTS_CHAIR, dinghai_union),
        "mediator": (Role.MEDIATOR, None),
        "cashier": (Role.CASHIER, None),
    }
    for username, (role, node) in specs.items():
        d.users[username] = User.objects.create(
            username=username,
            role=role,
            node=node,
            password=password,
            totp_secret=TOTP_SECRET if role == Role.DISTRICT_STAFF else "",
        )
    own = d.members["own"]
    d.users["member"] = User.objects.create(
        username="member", role=Role.MEMBER, member=own, phone_index=own.phone_index, phone=own.phone
    )
    return d
