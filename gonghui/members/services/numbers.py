"""Member numbers (M and nine digits), handed out from one counter."""

from django.db.models import F

from gonghui.lib.db import cursor_apart

from ..models import Member, MemberNumberBlock


def member_numbers(last: int, count: int) -> list[str]:
    return [f"M{n:09d}" for n in range(last - count + 1, last + 1)]


def allocate_member_numbers(count: int) -> list[str]:
    """A block of member numbers, taken under a row lock (held to the caller's commit) so
    parallel writers never collide. The counter starts after the highest member id."""
    block, created = MemberNumberBlock.objects.select_for_update().get_or_create(pk=1)
    if created or block.last == 0:
        block.last = Member.unscoped.order_by("-id").values_list("id", flat=True).first() or 0
    block.last += count
    block.save(update_fields=["last"])
    return member_numbers(block.last, count)


def release_member_numbers(count: int) -> None:
    """Give back the last `count` numbers of the block this transaction took last: it still
    holds the row lock, so no one has taken a number after them."""
    MemberNumberBlock.objects.filter(pk=1).update(last=F("last") - count)


def allocate_member_numbers_apart(count: int) -> list[str]:
    """A block of member numbers taken and committed at once on a connection of its own
    (PostgreSQL): the counter's row lock lasts one statement rather than the import it serves,
    so other imports and joins do not wait for that import's commit. An import that fails
    leaves its block unused, a gap in the numbers."""
    table = MemberNumberBlock._meta.db_table
    with cursor_apart() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (id, last) SELECT 1, coalesce(max(id), 0) + %(n)s FROM "
            f"{Member._meta.db_table} ON CONFLICT (id) DO UPDATE SET last = CASE "
            f"WHEN {table}.last = 0 THEN excluded.last ELSE {table}.last + %(n)s END RETURNING last",
            {"n": count},
        )
        (last,) = cursor.fetchone()
    return member_numbers(last, count)


def release_member_numbers_apart(numbers: list[str]) -> None:
    """Give back the unused tail of the last block taken apart, when no one has taken numbers
    since (otherwise it stays a gap)."""
    with cursor_apart() as cursor:
        cursor.execute(
            f"UPDATE {MemberNumberBlock._meta.db_table} SET last = last - %s WHERE id = 1 AND last = %s",
            [len(numbers), int(numbers[-1][1:])],
        )
