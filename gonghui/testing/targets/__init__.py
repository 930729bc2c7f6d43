"""The one registry of object factories for the access walker, by route name: a module adds
its id-taking routes here (a file beside these, and one line below) or the walker fails."""

from .bargaining import BARGAINING
from .base import MISSING, RELATIONS, ROLES, Group, Objects, Place, Target, persona, places
from .cards import CARDS
from .care import CARE
from .competitions import COMPETITIONS
from .congress import CONGRESS
from .culture import CULTURE
from .disputes import DISPUTES
from .federation import FEDERATION
from .honours import HONOURS
from .integrations import INTEGRATIONS
from .privacy import PRIVACY
from .results import RESULTS
from .review import REVIEW
from .skills import SKILLS
from .spine import SPINE

GROUPS: dict[str, Group] = {
    "spine": SPINE,
    "cards": CARDS,
    "culture": CULTURE,
    "disputes": DISPUTES,
    "review": REVIEW,
    "competitions": COMPETITIONS,
    "skills": SKILLS,
    "honours": HONOURS,
    "congress": CONGRESS,
    "bargaining": BARGAINING,
    "care": CARE,
    "federation": FEDERATION,
    "results": RESULTS,
    "integrations": INTEGRATIONS,
    "privacy": PRIVACY,
}
REGISTRY: dict[str, Target] = {name: t for group in GROUPS.values() for name, t in group.routes.items()}


__all__ = [
    "GROUPS",
    "MISSING",
    "REGISTRY",
    "RELATIONS",
    "ROLES",
    "Group",
    "Objects",
    "Place",
    "Target",
    "persona",
    "places",
]
