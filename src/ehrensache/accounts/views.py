from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .dashboard import SECTIONS
from .roles import roles_of


@login_required
def profile(request):
    return render(request, "accounts/profile.html", {"sections": SECTIONS, "roles": roles_of(request.user)})
