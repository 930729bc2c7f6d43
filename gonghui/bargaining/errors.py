"""The refusal every bargaining service raises: a message in Chinese and the rule's code."""


class BargainingError(Exception):
    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.code = code
