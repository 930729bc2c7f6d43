"""Read queries of the federation's module: the figures (figures.py) and what pages read (pages.py)."""

from .figures import (
    federation_figures,
    hotline_figures,
    open_stations,
    stations_meeting_six_haves,
    titles_held,
)
from .pages import (
    Found,
    distance_km,
    member_contests,
    member_entries,
    member_stations,
    position,
    stations_near,
)

__all__ = [
    "Found",
    "distance_km",
    "federation_figures",
    "hotline_figures",
    "member_contests",
    "member_entries",
    "member_stations",
    "open_stations",
    "position",
    "stations_meeting_six_haves",
    "stations_near",
    "titles_held",
]
