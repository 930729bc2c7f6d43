"""The demo district's spine: the tree, the units, the members and the staff accounts."""

from .accounts import create_accounts
from .generator import Generator
from .targets import DEMO_PASSWORD

__all__ = ["DEMO_PASSWORD", "Generator", "create_accounts"]
