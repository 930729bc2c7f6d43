from django.utils.translation import gettext as _

from gonghui.accounts.models import User

from ..errors import SkillsError


def require_scope(actor: User, path: str) -> None:
    """Back office over the record's node, or refused."""
    scope = actor.scope_path
    if scope is None or not path.startswith(scope):
        raise SkillsError(_("只有本级或上级工会工作人员可以进行此操作。"), "scope")
