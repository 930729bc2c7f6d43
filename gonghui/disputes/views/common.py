"""What the disputes pages share: who may handle cases, the page size, how a refusal is shown."""

from django.http import Http404

from gonghui.accounts.models import User
from gonghui.lib.access import role_required
from gonghui.lib.roles import Role
from gonghui.organizations.models import Node

PAGE_SIZE = 50

# Cases are handled by the back office and by the mediators of the organization they went to.
handler_required = role_required(Role.MEDIATOR, backoffice=True)


def staff_node(user: User) -> Node:
    """The node a back-office account works for (the database gives every staff role one)."""
    if user.node is None:
        raise Http404
    return user.node
