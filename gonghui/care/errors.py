from django.core.exceptions import ValidationError


class CareError(ValidationError):
    """A rule of the care module refused a write; the message is for the person at the desk and
    `code` names the rule (e.g. "served_twice", or a money rule's code)."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message, code=code)

    def __str__(self) -> str:
        return self.messages[0]
