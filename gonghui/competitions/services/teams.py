"""The teams of a competition, who reports for each, and its front-line participants, kept as
member lists in the spine (`member_group_sync`) so a care campaign can serve them."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.models import User
from gonghui.audit.context import NO_REQUEST, AuditContext
from gonghui.audit.services import audit_record
from gonghui.members.models import Member, MemberGroup
from gonghui.members.services import member_group_sync
from gonghui.organizations.models import Node, Unit

from ..errors import CompetitionError
from ..models import Competition, Participant, Team, TeamReporter
from .common import require_organizer, require_running, require_team_keeper


def team_source(team: Team) -> str:
    return f"competitions.team:{team.pk}"


def competition_source(competition: Competition) -> str:
    return f"competitions.competition:{competition.pk}"


@transaction.atomic
def team_add(
    *,
    competition: Competition,
    node: Node,
    name: str,
    project: str,
    planned: Decimal,
    actor: User,
    measure: str = "%",
    section: str = "",
    unit: Unit | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Team:
    require_organizer(actor, competition)
    require_running(competition)
    if not node.path.startswith(competition.path):
        raise CompetitionError(_("参赛班组应在主办工会范围内。"), "scope")
    if unit is not None and not unit.path.startswith(competition.path):
        raise CompetitionError(_("参赛单位应在主办工会范围内。"), "scope")
    if planned <= 0:
        raise CompetitionError(_("计划量应大于 0。"), "planned")
    try:
        with transaction.atomic():
            team = Team(
                competition=competition,
                node=node,
                unit=unit,
                name=name.strip(),
                project=project.strip(),
                planned=planned,
                measure=measure.strip() or "%",
                section=section.strip(),
            )
            team.full_clean(exclude=["path", "competition"])
            team.save()
    except IntegrityError:
        raise CompetitionError(_("本竞赛已有同名班组。"), "duplicate") from None
    audit_record(actor=actor, action="competitions.team.add", target=team, audit=audit)
    return team


@transaction.atomic
def reporter_add(
    *, team: Team, member: Member, actor: User, audit: AuditContext = NO_REQUEST
) -> TeamReporter:
    """A member who may report the team's progress from their phone."""
    require_team_keeper(actor, team)
    link, _created = TeamReporter.objects.get_or_create(team=team, member=member)
    audit_record(
        actor=actor,
        action="competitions.reporter.add",
        target=team,
        audit=audit,
        detail={"member": member.pk},
    )
    return link


@transaction.atomic
def participant_add(
    *,
    team: Team,
    member: Member,
    actor: User,
    role: str = "",
    joined_on: datetime.date | None = None,
    audit: AuditContext = NO_REQUEST,
) -> Participant:
    """Record a front-line worker of the team, and publish the team's and the competition's
    lists of participants for other modules (care) to read."""
    require_team_keeper(actor, team)
    if not member.path.startswith(team.competition.path):
        raise CompetitionError(_("参赛职工应为主办工会范围内的会员。"), "scope")
    try:
        with transaction.atomic():
            participant = Participant(
                team=team, member=member, role=role.strip(), joined_on=joined_on or timezone.localdate()
            )
            participant.save()
    except IntegrityError:
        raise CompetitionError(_("该职工已在本班组名单中。"), "duplicate") from None
    participants_publish(team=team, actor=actor, audit=audit)
    audit_record(
        actor=actor,
        action="competitions.participant.add",
        target=participant,
        audit=audit,
        detail={"member": member.pk},
    )
    return participant


def participants_publish(*, team: Team, actor: User | None, audit: AuditContext = NO_REQUEST) -> MemberGroup:
    """The team's and its competition's member lists, replaced from the participant records."""
    competition = team.competition
    member_group_sync(
        source=competition_source(competition),
        name=_("%(c)s · 一线参赛职工") % {"c": competition.title},
        node=competition.node,
        members=Member.unscoped.filter(
            pk__in=Participant.unscoped.filter(team__competition=competition).values("member")
        ),
        actor=actor,
        audit=audit,
    )
    return member_group_sync(
        source=team_source(team),
        name=_("%(c)s · %(t)s 一线职工") % {"c": competition.title, "t": team.name},
        node=team.node,
        members=Member.unscoped.filter(pk__in=Participant.unscoped.filter(team=team).values("member")),
        actor=actor,
        audit=audit,
    )
