class HonoursError(Exception):
    """A rule of the honours roll refused a write; the message is for the user."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.code = code
