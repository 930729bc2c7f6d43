"""A member's own honours and innovation studios, on their phone."""

from django.http import HttpResponse
from django.shortcuts import render

from gonghui.accounts.http import AuthedRequest
from gonghui.lib.access import member_required

from ..models import Honour, StudioMember


@member_required
def my_honours(request: AuthedRequest) -> HttpResponse:
    honours = Honour.objects.visible_to(request.user).order_by("-awarded_on")
    member = request.user.member
    # Studios are the union's records: a member sees only the ones they belong to.
    studios = StudioMember.objects.filter(member=member).select_related("studio") if member else []
    return render(request, "honours/m/mine.html", {"honours": honours, "studios": studios})
