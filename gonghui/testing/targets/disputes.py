"""The disputes module's id-taking routes: cases and what hangs on them (legal aid, documents,
agreements), joint inspections and 一函两书 letters, and the member's own cases."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.accounts.models import User
from gonghui.disputes import services
from gonghui.disputes.models import Case, InspectionKind, OrgKind
from gonghui.testing.disputes import NARRATIVE, make_network
from gonghui.testing.district import District

from .base import OWN, Group, Objects, Place, Target, ids, reach

PDF = b"%PDF-1.4 walker"
HANDLERS = reach(mediator=OWN)  # the back office by tree, a mediator in their own organization
ROUTES = {
    "disputes:case": Target("case", HANDLERS),
    "disputes:case-accept": Target("case", HANDLERS),
    "disputes:case-refuse": Target("case", HANDLERS, post={"reason": "不属于受理范围"}),
    "disputes:case-assign": Target("case", HANDLERS, post={"mediator": "1"}),
    "disputes:case-note": Target("case", HANDLERS, post={"note": "调解记录"}),
    "disputes:case-close": Target("case", HANDLERS, post={"outcome": "withdrawn"}),
    "disputes:case-upload": Target(
        "case",
        HANDLERS,
        post=lambda: {"file": SimpleUploadedFile("a.pdf", PDF, content_type="application/pdf")},
    ),
    "disputes:case-aid": Target("case", HANDLERS, post={"low_income": "on"}),
    "disputes:case-agreement": Target("agreed_case", HANDLERS),
    "disputes:aid-decide": Target("aid", HANDLERS, post={"grant": "0", "reason": "不符合条件"}),
    "disputes:document": Target("document", HANDLERS),
    "disputes:inspection": Target("inspection", post={"unit": "定海标记甲公司", "finding": "未发现问题"}),
    "disputes:letter": Target("letter"),
    "disputes:letter-escalate": Target("letter"),
    "disputes:letter-reply": Target("letter", post={"reply": "已整改", "resolved": "on"}),
    "disputes:letter-follow-up": Target("letter", post={"note": "已回访"}),
    "disputes:my-case": Target("case", reach({}, member=OWN)),
    "disputes:my-case-rate": Target("case", reach({}, member=OWN), post={"satisfaction": "5"}),
    # The API's case status: the back office by tree, a mediator its organization's, a member their own.
    "api:case_detail": Target("case", reach(HANDLERS, member=OWN)),
}


def walk_in(place: Place, actor: User, narrative: str) -> Case:
    return services.case_register(
        channel="walk_in",
        category="wages",
        unit=place.unit,
        narrative=narrative,
        workers=[services.Worker(name="来访职工")],
        actor=actor,
    )


def agreed(case: Case, actor: User) -> Case:
    services.case_accept(case=case, actor=actor)
    return services.case_close(case=case, outcome="agreement", actor=actor, terms="标记协议条款")


def build(d: District, places: dict[str, Place]) -> Objects:
    staff = d.users["district"]
    network = make_network(d)  # a case for each relation of the district, the member's own included
    elsewhere = places["unrelated"]
    services.mediation_org_create(
        name="外区调解委员会", kind=OrgKind.ENTERPRISE_COMMITTEE, node=elsewhere.node, actor=staff
    )
    cases = {**network.cases, "unrelated": walk_in(elsewhere, staff, NARRATIVE)}
    agreements = {r: agreed(walk_in(p, staff, f"{NARRATIVE}（{r}）"), staff) for r, p in places.items()}
    aid = {
        r: services.legal_aid_apply(case=c, low_income=True, migrant=False, actor=staff)
        for r, c in cases.items()
    }
    documents = {
        r: services.document_upload(case=c, filename="材料.pdf", data=PDF, actor=staff)
        for r, c in cases.items()
    }
    day = datetime.date(2026, 1, 20)  # inspections hang on streets: the chair's has none of its own
    inspections = {
        r: services.inspection_schedule(
            kind=InspectionKind.SPRING_FESTIVAL, date=day, street=places[r].street, actor=staff
        )
        for r in ("parent", "sibling", "unrelated")
    }
    letters = {
        r: services.letter_issue(unit=p.unit, issuer=p.node, subject="标记事由：拖欠工资", actor=staff)
        for r, p in places.items()
    }
    return {
        "case": ids(cases),
        "agreed_case": ids(agreements),
        "aid": ids(aid),
        "document": ids(documents),
        "inspection": ids(inspections),
        "letter": ids(letters),
    }


DISPUTES = Group(ROUTES, build)
