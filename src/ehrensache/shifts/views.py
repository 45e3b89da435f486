from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ehrensache.core.outcomes import domain_errors
from ehrensache.core.permissions import can, require
from ehrensache.organizations.models import Organization

from . import queries, services
from .forms import CancelShiftForm, PlanForm, ShiftForm, WeeklyShiftForm
from .models import Shift, ShiftPlan, ShiftSignup


def _visible_plan(request, pk) -> ShiftPlan:
    return get_object_or_404(queries.plans_visible_to(request.user), pk=pk)


@login_required
@require_GET
def my_shifts(request):
    signups = list(queries.signups_of(request.user))
    page = Paginator(queries.plans_visible_to(request.user), 20).get_page(request.GET.get("page"))
    context = {"signups": signups, "page_obj": page}
    return render(request, "shifts/my_shifts.html", context)


@login_required
@require_GET
def plan_detail(request, pk):
    plan = _visible_plan(request, pk)
    is_coordinator = can(request.user, "shifts.manage_plan", plan)
    shifts = queries.shifts_of_plan(plan, with_people=is_coordinator)
    mine = dict(
        ShiftSignup.objects.filter(person=request.user, shift__plan=plan).values_list(
            "shift_id", "pk"
        )
    )
    context = {
        "plan": plan,
        "shifts": shifts,
        "mine": mine,
        "is_coordinator": is_coordinator,
        "shift_form": ShiftForm(prefix="slot"),
        "weekly_form": WeeklyShiftForm(prefix="weekly"),
    }
    return render(request, "shifts/plan_detail.html", context)


@login_required
@require_POST
def sign_up(request, pk):
    shift = get_object_or_404(Shift.objects.select_related("plan__organization"), pk=pk)
    with domain_errors(request) as outcome:
        services.sign_up(shift, person=request.user)
    if outcome.ok:
        messages.success(request, _("Sie sind eingetragen. Danke!"))
    return redirect(shift.plan)


@login_required
@require_POST
def cannot_attend(request, pk):
    signup = get_object_or_404(
        ShiftSignup.objects.select_related("shift__plan__coordinator"), pk=pk, person=request.user
    )
    services.cannot_attend(signup, actor=request.user)
    messages.success(request, _("Sie sind ausgetragen. Die Koordination ist informiert."))
    if request.POST.get("next") == "mine":
        return redirect("shifts:mine")
    return redirect(signup.shift.plan)


@login_required
@require_http_methods(["GET", "POST"])
def organization_plans(request, slug):
    organization = get_object_or_404(Organization, slug=slug)
    require(request.user, "shifts.create_plan", organization)
    form = PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            plan = services.create_plan(organization, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Der Dienstplan ist angelegt."))
            return redirect(plan)
    plans = queries.plans_managed_by(request.user, organization)
    page = Paginator(plans, 20).get_page(request.GET.get("page"))
    context = {"organization": organization, "page_obj": page, "form": form}
    return render(request, "shifts/organization_plans.html", context)


def _manage(request, pk) -> ShiftPlan:
    plan = get_object_or_404(ShiftPlan.objects.select_related("organization"), pk=pk)
    require(request.user, "shifts.manage_plan", plan)
    return plan


def _render_plan_with(request, plan, **forms):
    context = {
        "plan": plan,
        "shifts": queries.shifts_of_plan(plan, with_people=True),
        "mine": {},
        "is_coordinator": True,
        "shift_form": forms.get("shift_form") or ShiftForm(prefix="slot"),
        "weekly_form": forms.get("weekly_form") or WeeklyShiftForm(prefix="weekly"),
    }
    return render(request, "shifts/plan_detail.html", context, status=422)


@login_required
@require_POST
def add_shift(request, pk):
    plan = _manage(request, pk)
    form = ShiftForm(request.POST, prefix="slot")
    if form.is_valid():
        with domain_errors(form) as outcome:
            services.add_shift(plan, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("Der Dienst ist angelegt."))
            return redirect(plan)
    return _render_plan_with(request, plan, shift_form=form)


@login_required
@require_POST
def add_weekly(request, pk):
    plan = _manage(request, pk)
    form = WeeklyShiftForm(request.POST, prefix="weekly")
    if form.is_valid():
        with domain_errors(form) as outcome:
            created = services.add_weekly_shifts(plan, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(request, _("%(n)d Dienste sind angelegt.") % {"n": len(created)})
            return redirect(plan)
    return _render_plan_with(request, plan, weekly_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def cancel_shift(request, pk):
    """Staff cancel a shift with a reason; everyone signed up is told (essential mail)."""
    shift = get_object_or_404(Shift.objects.select_related("plan__organization"), pk=pk)
    require(request.user, "shifts.manage_plan", shift.plan)
    form = CancelShiftForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            services.cancel_shift(shift, actor=request.user, **form.cleaned_data)
        if outcome.ok:
            messages.success(
                request, _("Der Dienst ist abgesagt; alle Eingetragenen sind informiert.")
            )
            return redirect(shift.plan)
    context = {"shift": shift, "form": form, "signup_count": shift.signups.count()}
    status = 422 if request.method == "POST" else 200
    return render(request, "shifts/cancel_shift.html", context, status=status)
