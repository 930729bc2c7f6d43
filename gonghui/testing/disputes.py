"""A mediation network over the test district: the centres, the court room, a
committee in each union, a mediator serving the chair's union, and one case for
each relation (own union, another union of the street, the sibling street, the street)."""

from dataclasses import dataclass, field

from gonghui.accounts.models import User
from gonghui.disputes import services
from gonghui.disputes.models import Case, Lawyer, MediationOrg, OrgKind
from gonghui.lib.roles import Role

from .district import District

NARRATIVE = "标记案情：公司拖欠三个月工资共计一万二千元"


@dataclass
class Network:
    d: District
    orgs: dict[str, MediationOrg] = field(default_factory=dict)
    cases: dict[str, Case] = field(default_factory=dict)
    lawyer: Lawyer | None = None


def make_network(d: District) -> Network:
    staff = d.users["district"]
    n = Network(d)
    n.orgs["district"] = services.mediation_org_create(
        name="区法律援助中心", kind=OrgKind.DISTRICT_CENTRE, node=d.root, actor=staff
    )
    n.orgs["court"] = services.mediation_org_create(
        name="区法院工会调解室", kind=OrgKind.COURT_ROOM, node=d.root, actor=staff
    )
    for key, street in (("dinghai_centre", d.dinghai), ("pingliang_centre", d.pingliang)):
        n.orgs[key] = services.mediation_org_create(
            name=f"{street.name}法律援助工作站", kind=OrgKind.STREET_CENTRE, node=street, actor=staff
        )
    for key, union in (
        ("own", d.dinghai_union),
        ("subtree", d.dinghai_union_b),
        ("sibling", d.pingliang_union),
    ):
        n.orgs[key] = services.mediation_org_create(
            name=f"{union.name}调解委员会", kind=OrgKind.ENTERPRISE_COMMITTEE, node=union, actor=staff
        )
    services.mediator_appoint(user=d.users["mediator"], org=n.orgs["own"], actor=staff)
    d.users["court_mediator"] = User.objects.create(username="court_mediator", role=Role.MEDIATOR)
    services.mediator_appoint(user=d.users["court_mediator"], org=n.orgs["court"], actor=staff, invited=True)
    n.lawyer = Lawyer.unscoped.create(name="王律师", firm="申江律师事务所", license_no="13101201010000001")
    services.lawyer_assign(lawyer=n.lawyer, street=d.dinghai, actor=staff)
    member_user = d.users["member"]
    own_member = d.members["own"]
    n.cases["own"] = services.case_register(
        channel="portal",
        category="wages",
        unit=d.units["dinghai_a"],
        narrative=NARRATIVE,
        workers=[services.Worker(name=own_member.name, phone=own_member.phone, member=own_member)],
        applicant=member_user,
        actor=member_user,
    )
    for key, unit in (("subtree", "dinghai_b"), ("sibling", "pingliang_c"), ("parent", "dinghai_none")):
        n.cases[key] = services.case_register(
            channel="walk_in",
            category="termination",
            unit=d.units[unit],
            narrative=f"{NARRATIVE}（{key}）",
            workers=[services.Worker(name="来访职工", phone="13912345678")],
            actor=staff,
        )
    return n
