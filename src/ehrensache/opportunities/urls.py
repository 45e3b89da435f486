from django.urls import path, register_converter

from . import feeds, views

app_name = "opportunities"


class DistrictKey:
    regex = r"\d{5}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(DistrictKey, "districtkey")

urlpatterns = [
    path("suche/", views.search, name="search"),
    path("suche/feed.rss", feeds.SearchFeed(), name="search_rss"),
    path("suche/feed.atom", feeds.SearchAtomFeed(), name="search_atom"),
    path("engagement/<int:pk>-<str:slug>/", views.detail, name="detail"),
    path("engagement/<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("engagement/<int:pk>/status/", views.change_status, name="status"),
    path("engagement/verwalten/", views.manage, name="manage"),
    path("einsatzstellen/<slug:slug>/angebote/neu/", views.create, name="create"),
    path("einsatzstellen/<slug:slug>/feed.rss", feeds.OrganizationFeed(), name="organization_rss"),
    path(
        "einsatzstellen/<slug:slug>/feed.atom",
        feeds.OrganizationAtomFeed(),
        name="organization_atom",
    ),
    path("engagement/feeds/anlaufstelle/<slug:slug>.rss", feeds.AgencyFeed(), name="agency_rss"),
    path(
        "engagement/feeds/anlaufstelle/<slug:slug>.atom",
        feeds.AgencyAtomFeed(),
        name="agency_atom",
    ),
    path("engagement/feeds/kreis/<districtkey:key>.rss", feeds.DistrictFeed(), name="district_rss"),
    path(
        "engagement/feeds/kreis/<districtkey:key>.atom",
        feeds.DistrictAtomFeed(),
        name="district_atom",
    ),
    path("feeds/angebote.json", views.feed_json, name="feed_json"),
    path("feeds/angebote.csv", views.feed_csv, name="feed_csv"),
    path("feeds/angebote-felder.json", views.feed_fields, name="feed_fields"),
    path("widget/", views.widget, name="widget"),
    path("widget/stil.css", views.widget_css, name="widget_css"),
    path("widget/anleitung/", views.widget_docs, name="widget_docs"),
    path("api-schluessel/", views.tokens, name="tokens"),
]
