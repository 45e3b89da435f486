from django.conf import settings

from .navigation import main_navigation


def site(request):
    return {
        "main_navigation": main_navigation(request),
        "ehrensache": settings.EHRENSACHE,
    }
