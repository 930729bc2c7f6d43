"""The refusals of the federation's services: a message in Chinese the person can read, and a
code naming the rule that refused."""

from django.core.exceptions import ValidationError


class FederationError(ValidationError):
    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message, code=code)
