import logging


class DropConflicts(logging.Filter):
    """Leaves 409 answers out of the request log. A 409 is a business answer (the last place
    went to someone else), not a fault; a flash sale gives thousands of them a second."""

    def filter(self, record: logging.LogRecord) -> bool:
        return getattr(record, "status_code", None) != 409
