from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from ehrensache.api.api import api
from ehrensache.core.views import favicon, healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("konto/", include("allauth.urls")),
    path("api/v1/", api.urls),
    path("", include("ehrensache.core.urls")),
    path("", include("ehrensache.regions.urls")),
    path("", include("ehrensache.accounts.urls")),
    path("", include("ehrensache.notifications.urls")),
    path("", include("ehrensache.messaging.urls")),
    path("", include("ehrensache.workspaces.urls")),
    path("", include("ehrensache.agencies.urls")),
    path("", include("ehrensache.organizations.urls")),
    path("", include("ehrensache.opportunities.urls")),
    path("", include("ehrensache.brokering.urls")),
    path("", include("ehrensache.courses.urls")),
    path("", include("ehrensache.guide.urls")),
    path("", include("ehrensache.engagements.urls")),
    path("", include("ehrensache.recognition.urls")),
    path("", include("ehrensache.shifts.urls")),
    path("", include("ehrensache.mailings.urls")),
    path("", include("ehrensache.audit.urls")),
    path("", include("ehrensache.reports.urls")),
    path("", include("ehrensache.imports.urls")),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
