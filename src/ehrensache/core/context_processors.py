from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

# Main navigation: (url name, label, namespace that marks it current). Apps add their entry
# here; a url name that does not resolve (app not yet wired) is skipped.
MAIN_NAVIGATION = [
    ("opportunities:search", _("Engagement finden"), "opportunities"),
    ("agencies:responsible", _("Wer ist zuständig?"), "agencies:responsible"),
    ("agencies:list", _("Anlaufstellen"), "agencies"),
    ("courses:catalogue", _("Qualifizierung"), "courses"),
    ("guide:index", _("Ist doch Ehrensache!?"), "guide"),
]


def _navigation(request):
    match = getattr(request, "resolver_match", None)
    current_view = f"{match.namespace}:{match.url_name}" if match else ""
    items, current_found = [], False
    for url_name, label, marker in MAIN_NAVIGATION:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        current = False
        if match and not current_found:
            current = current_view == marker if ":" in marker else match.namespace == marker
            current_found = current
        items.append({"url": url, "label": label, "current": current})
    return items


def site(request):
    return {
        "main_navigation": _navigation(request),
        "ehrensache": settings.EHRENSACHE,
    }
