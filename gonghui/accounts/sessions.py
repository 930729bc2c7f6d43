"""Sessions in the database, as Django keeps them, read by one hand-written statement."""

from functools import cache

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from gonghui.lib.db import load_row, select_list


class SessionStore(db.SessionStore):
    """Every request of a signed-in user reads its session first: compiling Django's ORM query
    for it cost more than running it. Same row, same rule (only an unexpired session counts);
    writes, creation and clean-up stay Django's."""

    def _get_session_from_db(self) -> Session | None:
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        with connection.cursor() as cursor:
            cursor.execute(_read_sql(), [self.session_key, now])
            row = cursor.fetchone()
        if row is None:
            self._session_key = None
            return None
        return load_row(row, (Session,))[0]


@cache
def _read_sql() -> str:
    return (
        f"SELECT {select_list(Session, 's')} FROM {Session._meta.db_table} s"
        " WHERE s.session_key = %s AND s.expire_date > %s"
    )
