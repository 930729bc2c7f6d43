class CardsError(Exception):
    """A refusal with a message in Chinese for the person at the screen or the counter."""
