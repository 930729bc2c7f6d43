from django.core.exceptions import ValidationError


class DisputeError(ValidationError):
    """A rule of the disputes module refused a write; the message is for the user."""
