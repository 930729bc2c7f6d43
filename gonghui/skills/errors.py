class SkillsError(Exception):
    """A rule of the skills module refused a write; the message is for the user, `code` names
    the rule."""

    def __init__(self, message: str, code: str = "refused") -> None:
        super().__init__(message)
        self.code = code
