"""The person's own page of what they take part in: proposals, sign-ups, bookings, groups."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from accounts import participation as sections_of


@login_required
def participation(request):
    return render(
        request, "accounts/participation.html", {"sections": sections_of.sections(request)}
    )
