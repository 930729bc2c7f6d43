"""The merit competitions' demo data: every competition of the district from 2012 to today,
their teams and front-line participants, a report of each team for each period, checked and
scored from the indicators, the red flag of each closed period and the awards at the end."""

from .generator import seed_competitions

__all__ = ["seed_competitions"]
