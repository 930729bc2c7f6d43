"""An import's member numbers, a block at a time."""

from collections import deque
from collections.abc import Callable

from ..services import (
    allocate_member_numbers,
    allocate_member_numbers_apart,
    release_member_numbers,
    release_member_numbers_apart,
)


class NumberBlocks:
    """Member numbers for new members, taken from the shared counter a block at a time. The
    tail of the last block goes back at the end, so an import leaves no gap.

    With `apart` (an import that is a transaction of its own, on PostgreSQL) each block is taken
    and committed over a connection of its own, and no import or join elsewhere waits for this
    import's commit. Otherwise each take is a statement of the import's transaction (the open
    COPY ends for it) and the counter stays locked until the import commits."""

    BLOCK = 20_000

    def __init__(self, before: Callable[[], None], *, apart: bool = False) -> None:
        self.before, self.apart, self.pending = before, apart, deque[str]()

    def take(self, count: int) -> list[str]:
        if len(self.pending) < count:
            block = max(count - len(self.pending), self.BLOCK)
            if self.apart:
                self.pending.extend(allocate_member_numbers_apart(block))
            else:
                self.before()
                self.pending.extend(allocate_member_numbers(block))
        return [self.pending.popleft() for _ in range(count)]

    def give_back(self) -> None:
        if not self.pending:
            return
        if self.apart:
            release_member_numbers_apart(list(self.pending))
        else:
            release_member_numbers(len(self.pending))
        self.pending.clear()
