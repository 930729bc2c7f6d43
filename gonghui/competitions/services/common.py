"""What the competitions' services share: who organizes a competition, who keeps a team."""

from django.utils.translation import gettext as _

from gonghui.accounts.models import User

from ..errors import CompetitionError
from ..models import Competition, Team


def within_scope(actor: User, path: str) -> bool:
    scope = actor.scope_path
    return scope is not None and path.startswith(scope)


def require_organizer(actor: User, competition: Competition) -> None:
    """The organizer is the back office of the competition's node or above it."""
    if not within_scope(actor, competition.path):
        raise CompetitionError(_("只有竞赛主办方可以进行此操作。"), "organizer")


def require_team_keeper(actor: User, team: Team) -> None:
    """A team's lists are kept by the back office over the team's node."""
    if not within_scope(actor, team.path):
        raise CompetitionError(_("只有该班组所属工会或上级工会可以维护名单。"), "keeper")


def require_running(competition: Competition) -> None:
    if competition.status != Competition.Status.RUNNING:
        raise CompetitionError(_("竞赛已结束。"), "closed")
