from django.contrib import admin

from .models import District, Place, PostalCode, State


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["key", "name", "kind", "state"]
    list_filter = ["kind", "state"]
    search_fields = ["key", "name"]
    list_select_related = ["state"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    search_fields = ["name", "search_name"]
    list_select_related = ["district"]
    autocomplete_fields = ["district"]


@admin.register(PostalCode)
class PostalCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "place", "district", "is_large_customer"]
    list_filter = ["is_large_customer", "district__state"]
    search_fields = ["code", "place__name"]
    list_select_related = ["place", "district"]
    autocomplete_fields = ["place", "district"]
