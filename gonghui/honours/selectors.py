"""Read queries of the honours roll and `honours_figures` for the KPI registry."""

import datetime
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from gonghui.lib.figures import Period
from gonghui.organizations.models import Node

from .models import Honour, HonourKind, Studio

# The figure keys, by the kind of honour they count.
KEYS = {
    HonourKind.NATIONAL_MODEL_WORKER: "national_model_workers",
    HonourKind.CITY_MODEL_WORKER: "city_model_workers",
    HonourKind.CITY_MODEL_COLLECTIVE: "city_model_collectives",
    HonourKind.NATIONAL_MAYDAY_AWARD: "national_mayday_award_collectives",
    HonourKind.NATIONAL_MAYDAY_MEDAL: "national_mayday_medal_individuals",
    HonourKind.CITY_MAYDAY_AWARD: "city_mayday_award_collectives",
    HonourKind.CITY_MAYDAY_MEDAL: "city_mayday_medal_individuals",
    HonourKind.CITY_PIONEER_TEAM: "city_pioneer_teams",
    HonourKind.NATIONAL_MODEL_HOME: "national_model_homes",
    HonourKind.NATIONAL_MODEL_SMALL_HOME: "national_model_small_homes",
    HonourKind.CITY_MODEL_HOME: "city_model_homes",
    HonourKind.CITY_MODEL_SMALL_HOME: "city_model_small_homes",
}


def studios_open_on(day: datetime.date) -> Q:
    return Q(founded_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def honours_figures(node: Node, period: Period | None = None) -> dict[str, Any]:
    """Honours held on the period's last day (today when none is given), in the node's
    subtree: awarded by then and not revoked by then; studios named by then and not closed."""
    day = period.end if period is not None else timezone.localdate()
    held = dict(
        Honour.unscoped.filter(path__startswith=node.path)
        .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=day), awarded_on__lte=day)
        .values_list("kind")
        .annotate(n=Count("id"))
        .order_by()
    )
    figures: dict[str, Any] = {key: held.get(kind.value, 0) for kind, key in KEYS.items()}
    figures["innovation_studios"] = Studio.unscoped.filter(
        studios_open_on(day), path__startswith=node.path
    ).count()
    order = [
        "national_model_workers",
        "city_model_workers",
        "city_model_collectives",
        "national_mayday_award_collectives",
        "national_mayday_medal_individuals",
        "city_mayday_award_collectives",
        "city_mayday_medal_individuals",
        "city_pioneer_teams",
        "innovation_studios",
        "national_model_homes",
        "national_model_small_homes",
        "city_model_homes",
        "city_model_small_homes",
    ]
    return {key: figures[key] for key in order}
