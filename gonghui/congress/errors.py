"""The refusal every congress service raises: a message in Chinese for the person at the
screen, and a code that says which rule refused (tests and views read it)."""


class CongressError(Exception):
    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.code = code
