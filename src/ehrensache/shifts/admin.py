from django.contrib import admin

from .models import Shift, ShiftPlan


class ShiftInline(admin.TabularInline):
    model = Shift
    extra = 0


@admin.register(ShiftPlan)
class ShiftPlanAdmin(admin.ModelAdmin):
    list_display = ("title", "organization", "kind")
    raw_id_fields = ("organization", "coordinator")
    inlines = [ShiftInline]
