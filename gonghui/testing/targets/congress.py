"""The congress module's id-taking routes: congresses, seats, sessions, items, elections and
proposals, for the back office and the member's pages. A congress of each relation hangs on
its place's union (the parent's is a joint congress of the street); the member persona sits in
the chair's union's congress, and reaches what a representative of that congress reaches."""

import datetime

from django.utils import timezone

from gonghui.congress import services
from gonghui.congress.models import Congress, Power, Representative
from gonghui.testing.district import District, add_member, add_unit

from .base import OWN, Group, Objects, Place, Target, ids, reach

MEMBER = reach({}, member=OWN)  # the member's pages: their own congress only
ROUTES = {
    "congress:detail": Target("congress"),
    "congress:seat": Target("congress", post={"member": "T000000000"}),
    "congress:session_new": Target(
        "congress", post={"title": "临时会议", "starts_at": "2030-01-01T09:00", "kind": "extraordinary"}
    ),
    "congress:election_new": Target("congress", post={"title": "补选"}),
    "congress:duties": Target("congress"),
    "congress:seat_end": Target("representative", post={"status": "left"}),
    "congress:assess": Target("representative", post={"year": "2025", "grade": "competent"}),
    "congress:report": Target("representative", post={"year": "2025", "summary": "述职要点"}),
    "congress:session": Target("session"),
    "congress:door": Target("session"),
    "congress:staff_sign_in": Target("session", post={"member": "T000000000"}),
    "congress:session_open": Target("session"),
    "congress:session_close": Target("session", post={"minutes": "纪要"}),
    "congress:item_add": Target("session", post={"kind": "review", "title": "厂务公开报告"}),
    "congress:item_open": Target("item"),
    "congress:item_close": Target("item"),
    "congress:election": Target("election"),
    "congress:constituency_add": Target(
        "election", post={"name": "一车间", "seats": "1", "units": "无此单位"}
    ),
    "congress:candidate_add": Target(
        "election", post={"constituency": "1", "member": "T000000000", "nominated_by": "联名"}
    ),
    "congress:election_publish": Target("election"),
    "congress:election_open": Target("election"),
    "congress:election_announce": Target("election"),
    "congress:proposal": Target("proposal"),
    "congress:proposal_decide": Target("proposal", post={"decision": "opinion"}),
    "congress:proposal_assign": Target("proposal", post={"department": "行政部", "due_on": "2030-01-01"}),
    "congress:proposal_answer": Target("proposal", post={"answer": "已办理"}),
    "congress:m_board": Target("congress", MEMBER),
    "congress:m_proposal_new": Target("congress", MEMBER, post={"title": "案由", "body": "内容"}),
    "congress:m_proposal": Target("proposal", MEMBER),
    "congress:m_second": Target("proposal", MEMBER),
    "congress:m_rate": Target("proposal", MEMBER, post={"rating": "3"}),
    "congress:m_session": Target("session", MEMBER),
    "congress:m_sign_in": Target("session", MEMBER),
    "congress:m_vote": Target("item", MEMBER, post={"choice": "for"}),
    "congress:m_election": Target("election", MEMBER),
    "congress:m_election_vote": Target("election", MEMBER, post={"candidates": ["1"]}),
}


def congress_at(d: District, relation: str, place: Place) -> Congress:
    actor = d.users["district"]
    day = datetime.date(2015, 4, 1)
    if relation == "parent":  # a joint congress of the street for two units without a union of their own
        units = [place.unit, add_unit(place.street, None, "定海标记联合乙公司")]
        return services.congress_establish(
            node=place.node,
            units=units,
            name="定海路街道联合职代会",
            kind=Congress.Kind.JOINT,
            established_on=day,
            seats=20,
            actor=actor,
        )
    return services.congress_establish(
        node=place.node,
        units=[place.unit],
        name=f"标记职代会{relation}",
        established_on=day,
        seats=20,
        actor=actor,
    )


def build(d: District, places: dict[str, Place]) -> Objects:
    actor = d.users["district"]
    congresses = {r: congress_at(d, r, p) for r, p in places.items()}
    seats: dict[str, Representative | None] = {}
    for r, p in places.items():
        member = p.member
        if member is not None and r == "own":
            member = d.members["own"]  # the member persona sits in its own union's congress
        seats[r] = (
            services.representative_seat(
                congress=congresses[r], member=member, elected_on=timezone.localdate(), actor=actor
            )
            if member is not None
            else None
        )
    colleague = add_member(d.dinghai_union, d.units["dinghai_a"], "标记代表同事")
    services.representative_seat(
        congress=congresses["own"], member=colleague, elected_on=timezone.localdate(), actor=actor
    )
    sessions = {
        r: services.session_schedule(congress=c, title=f"标记会议{r}", starts_at=timezone.now(), actor=actor)
        for r, c in congresses.items()
    }
    items = {
        r: services.item_add(
            session=s, kind=Power.APPROVE, title=f"标记草案{r}", material="标记草案内容", actor=actor
        )
        for r, s in sessions.items()
    }
    elections = {
        r: services.election_create(congress=c, title=f"标记选举{r}", actor=actor)
        for r, c in congresses.items()
    }
    proposals = {
        r: services.proposal_submit(
            congress=congresses[r], proposer=seat, title=f"标记提案{r}", body="标记提案内容", actor=actor
        )
        for r, seat in seats.items()
        if seat is not None
    }
    return {
        "congress": ids(congresses),
        "representative": ids(seats),
        "session": ids(sessions),
        "item": ids(items),
        "election": ids(elections),
        "proposal": ids(proposals),
    }


CONGRESS = Group(ROUTES, build)
