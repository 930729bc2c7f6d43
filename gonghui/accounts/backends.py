from functools import cache
from typing import Any

from django.contrib.auth import backends
from django.db import connection

from gonghui.lib.db import load_row, select_list
from gonghui.members.models import Member
from gonghui.organizations.models import Node

from .models import User


@cache
def _user_sql() -> str:
    columns = f"{select_list(User, 'u')}, {select_list(Node, 'n')}, {select_list(Member, 'm')}"
    return f"""
        SELECT {columns} FROM accounts_user u
        LEFT JOIN organizations_node n ON n.id = u.node_id
        LEFT JOIN members_member m ON m.id = u.member_id
        WHERE u.id = %s"""


class ModelBackend(backends.ModelBackend):
    """Django's backend, loading the account with its node (the scope of staff) and its member
    record (a worker's) in one hand-written query: every request of a logged-in person runs it."""

    def get_user(self, user_id: Any) -> User | None:
        if not str(user_id).isdigit():
            return None
        with connection.cursor() as cursor:
            cursor.execute(_user_sql(), [int(user_id)])
            row = cursor.fetchone()
        if row is None:
            return None
        user, node, member = load_row(row, (User, Node, Member))
        if node is not None:
            user.node = node
        if member is not None:
            user.member = member
        return user if self.user_can_authenticate(user) else None
