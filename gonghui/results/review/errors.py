class ReviewError(Exception):
    """A review or yearbook that cannot be started; the message says why, in Chinese."""
