class IntegrationsError(Exception):
    """A refusal with a message in Chinese for the person at the screen or the integrator."""


class KeyReused(IntegrationsError):
    """An idempotency key sent again with a different request."""
