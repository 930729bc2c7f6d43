"""The refusals of the culture services, each one a message the member or the clerk can read."""


class BookingRefused(Exception):
    """A refusal the member or the clerk can read; `code` says which rule refused."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.code = code


class CultureError(BookingRefused):
    """A refused edit of the catalogue (venues, the menu, sessions, funding)."""
