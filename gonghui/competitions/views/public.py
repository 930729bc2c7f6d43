"""The public progress wall (竞赛进度上墙): no login, every team's progress against plan, the
scores, who holds the rolling red flag and its history. Team names only: no person is named."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from .. import selectors


def wall_index(request: HttpRequest) -> HttpResponse:
    competitions = selectors.public_competitions()[:100]
    return render(request, "competitions/wall_index.html", {"competitions": competitions})


def wall(request: HttpRequest, pk: int) -> HttpResponse:
    competition = get_object_or_404(selectors.public_competitions(), pk=pk)
    return render(
        request, "competitions/wall.html", {"competition": competition, **selectors.wall(competition)}
    )
