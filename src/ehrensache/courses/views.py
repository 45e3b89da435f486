from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ehrensache.core.exports import export_response, requested_format
from ehrensache.core.outcomes import domain_errors
from ehrensache.core.pdf import pdf_response, render_pdf
from ehrensache.core.permissions import require

from . import calendars, exports, queries, services, verification
from .forms import (
    CatalogueForm,
    CourseForm,
    CreateCourseForm,
    MoveForm,
    ReasonForm,
    RegisterOtherForm,
    SessionForm,
    resolve_provider,
)
from .models import Completion, Course, Registration, Session

PAGE_SIZE = 20


def _managed_course(request, pk) -> Course:
    """The course if the person manages it: 404 if they may not see it, else 403."""
    course = get_object_or_404(Course.objects.select_related("agency", "organization"), pk=pk)
    require(request.user, "courses.manage_course", course)
    return course


def _own_registration(request, pk) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("course", "course__agency", "course__organization"),
        pk=pk,
        person=request.user,
    )


# --- public ----------------------------------------------------------------------------------


def catalogue(request):
    form = CatalogueForm(request.GET or None)
    filters = queries.CatalogueFilter()
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        filters = queries.CatalogueFilter(
            text=d["q"],
            category=d["category"],
            district_id=d["district"].pk if d["district"] else None,
            postal_code=d["plz"] or "",
            radius_km=d["radius"],
            date_from=d["date_from"],
            date_to=d["date_to"],
            free_only=d["free"],
        )
    results = queries.catalogue(filters) if not form.errors else Course.objects.none()
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "courses/catalogue.html", {"form": form, "page_obj": page})


def catalogue_ics(request):
    courses = queries.catalogue(queries.CatalogueFilter())
    courses = courses.prefetch_related("sessions")[:500]
    body = calendars.courses_calendar(_("Qualifizierungskurse"), courses)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def detail(request, pk):
    course = get_object_or_404(
        queries.with_seat_counts(queries.courses_visible_to(request.user)), pk=pk
    )
    registration = None
    if request.user.is_authenticated:
        registration = (
            Registration.objects.filter(course=course, person=request.user).order_by("-pk").first()
        )
    context = {
        "course": course,
        "sessions": course.sessions.all(),
        "free_seats": max(course.capacity - course.seats_taken, 0),
        "registration": registration,
        "position": queries.waiting_position(registration) if registration else None,
        "total_units": sum(s.teaching_units for s in course.sessions.all()),
    }
    return render(request, "courses/detail.html", context)


def course_ics(request, pk):
    course = get_object_or_404(queries.courses_visible_to(request.user), pk=pk)
    response = HttpResponse(
        calendars.course_calendar(course), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="kurs-{course.pk}.ics"'
    return response


@require_GET
def verify(request, code=None):
    """The public check of any printed Prüfcode (see ``verification``); 404 for unknown codes."""
    code = verification.normalize(code or request.GET.get("code"))
    document = verification.resolve(code) if code else None
    return render(
        request,
        "courses/verify.html",
        {"code": code, "document": document, "checked": bool(code)},
        status=404 if code and document is None else 200,
    )


# --- participants ----------------------------------------------------------------------------


@login_required
@require_POST
def register(request, pk):
    course = queries.course_for_registration(request.user, pk)
    if course is None:
        raise Http404
    with domain_errors(request) as outcome:
        registration = services.register_for_course(course, person=request.user)
    if not outcome.ok:
        return redirect(course.get_absolute_url())
    if registration.status == Registration.Status.CONFIRMED:
        messages.success(
            request, _("Ihr Platz ist bestätigt. Eine E-Mail mit den Terminen ist unterwegs.")
        )
    else:
        messages.info(request, _("Der Kurs ist voll. Sie stehen auf der Warteliste."))
    return redirect("courses:registration", pk=registration.pk)


@login_required
def register_other(request, pk):
    course = get_object_or_404(queries.courses_visible_to(request.user), pk=pk)
    require(request.user, "courses.register_others")
    organizations = queries.coordinated_organizations(request.user)
    organization = organizations[0]
    if request.GET.get("org") or request.POST.get("org"):
        wanted = str(request.POST.get("org") or request.GET.get("org"))
        organization = next((o for o in organizations if str(o.pk) == wanted), None)
        if organization is None:
            raise Http404
    form = RegisterOtherForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        with domain_errors(request) as outcome:
            services.register_for_course(
                course,
                person=form.cleaned_data["person"],
                actor=request.user,
                on_behalf_of=organization,
            )
        if outcome.ok:
            messages.success(
                request, _("Die Person ist angemeldet und wird per E-Mail benachrichtigt.")
            )
            return redirect(course.get_absolute_url())
    return render(
        request,
        "courses/register_other.html",
        {
            "course": course,
            "form": form,
            "organization": organization,
            "organizations": organizations,
        },
    )


@login_required
def registration(request, pk):
    registration = _own_registration(request, pk)
    context = {
        "registration": registration,
        "course": registration.course,
        "position": queries.waiting_position(registration),
        "deadline": services.cancellation_deadline(registration.course),
        "completion": Completion.objects.filter(registration=registration).first(),
    }
    return render(request, "courses/registration.html", context)


@login_required
@require_POST
def confirm(request, pk):
    registration = _own_registration(request, pk)
    with domain_errors(request) as outcome:
        services.confirm_offer(registration, actor=request.user)
    if outcome.ok:
        messages.success(
            request, _("Ihr Platz ist bestätigt. Eine E-Mail mit den Terminen ist unterwegs.")
        )
    return redirect("courses:registration", pk=registration.pk)


@login_required
@require_POST
def cancel(request, pk):
    registration = _own_registration(request, pk)
    with domain_errors(request) as outcome:
        services.cancel_registration(registration, actor=request.user)
    if outcome.ok:
        messages.success(request, _("Sie sind vom Kurs abgemeldet."))
    return redirect("courses:registration", pk=registration.pk)


@login_required
def certificate(request, pk):
    registration = get_object_or_404(Registration.objects.select_related("course", "person"), pk=pk)
    require(request.user, "courses.view_registration", registration)
    completion = get_object_or_404(Completion, registration=registration)
    pdf = render_pdf(
        "courses/certificate.html",
        {
            "completion": completion,
            "course": registration.course,
            "verify_url": request.build_absolute_uri(
                reverse("courses:verify", args=[completion.verification_code])
            ),
        },
        language=registration.person.preferred_language or "de",
    )
    return pdf_response(pdf, f"teilnahmebescheinigung-{completion.verification_code}.pdf")


# --- staff -----------------------------------------------------------------------------------


@login_required
@require_GET
def mine(request):
    """Meine Kurse: registrations, offers to confirm, completed qualifications."""
    return render(request, "courses/mine.html")


@login_required
def manage_list(request):
    require(request.user, "courses.create_course")
    courses = queries.courses_managed_by(request.user)
    page = Paginator(courses, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "courses/manage_list.html", {"page_obj": page})


@login_required
def create(request):
    require(request.user, "courses.create_course")
    form = CreateCourseForm(request.POST or None, user=request.user)
    session_form = SessionForm(request.POST or None, prefix="session")
    if request.method == "POST" and form.is_valid() and session_form.is_valid():
        with domain_errors(session_form, request) as outcome:
            course = services.create_course(
                **resolve_provider(form.cleaned_data["provider"]),
                data=form.service_data(),
                first_session=session_form.service_data(),
                actor=request.user,
            )
        if outcome.ok:
            messages.success(request, _("Der Kurs ist als Entwurf angelegt."))
            return redirect("courses:manage", pk=course.pk)
    return render(request, "courses/course_form.html", {"form": form, "session_form": session_form})


@login_required
def edit(request, pk):
    course = _managed_course(request, pk)
    form = CourseForm(request.POST or None, instance=course, user=request.user)
    if request.method == "POST" and form.is_valid():
        with domain_errors(request) as outcome:
            services.update_course(
                Course.objects.get(pk=pk), data=form.service_data(), actor=request.user
            )
        if outcome.ok:
            messages.success(request, _("Die Änderungen sind gespeichert."))
            return redirect("courses:manage", pk=pk)
    return render(request, "courses/course_form.html", {"form": form, "course": course})


@login_required
def manage(request, pk):
    course = _managed_course(request, pk)
    course = queries.with_seat_counts(Course.objects.filter(pk=course.pk)).get()
    session_form = SessionForm(request.POST or None, prefix="session")
    if request.method == "POST" and session_form.is_valid():
        with domain_errors(session_form) as outcome:
            services.add_session(course, actor=request.user, **session_form.service_data())
        if outcome.ok:
            messages.success(request, _("Der Termin ist angelegt."))
            return redirect("courses:manage", pk=pk)
    return render(
        request,
        "courses/manage.html",
        {
            "course": course,
            "sessions": course.sessions.all(),
            "session_form": session_form,
            "now": timezone.now(),
        },
    )


@login_required
def edit_session(request, pk, session_pk):
    course = _managed_course(request, pk)
    session = get_object_or_404(Session, pk=session_pk, course=course)
    form = SessionForm(request.POST or None, initial=SessionForm.initial_for(session))
    if request.method == "POST" and form.is_valid():
        with domain_errors(form) as outcome:
            services.update_session(session, actor=request.user, **form.service_data())
        if outcome.ok:
            messages.success(request, _("Der Termin ist geändert."))
            return redirect("courses:manage", pk=pk)
    return render(
        request,
        "courses/session_form.html",
        {
            "course": course,
            "session": session,
            "form": form,
            "started": session.starts_at <= timezone.now(),
        },
    )


@login_required
@require_POST
def remove_session(request, pk, session_pk):
    course = _managed_course(request, pk)
    session = get_object_or_404(Session, pk=session_pk, course=course)
    with domain_errors(request) as outcome:
        services.remove_session(session, actor=request.user)
    if outcome.ok:
        messages.success(request, _("Der Termin ist entfernt."))
    return redirect("courses:manage", pk=pk)


@login_required
@require_POST
def publish(request, pk):
    course = _managed_course(request, pk)
    with domain_errors(request) as outcome:
        services.publish_course(course, actor=request.user)
    if outcome.ok:
        messages.success(request, _("Der Kurs ist veröffentlicht."))
    return redirect("courses:manage", pk=pk)


@login_required
def cancel_course(request, pk):
    course = _managed_course(request, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with domain_errors(request) as outcome:
            services.cancel_course(course, reason=form.cleaned_data["reason"], actor=request.user)
        if outcome.ok:
            messages.success(
                request, _("Der Kurs ist abgesagt; alle Angemeldeten werden benachrichtigt.")
            )
            return redirect("courses:manage", pk=pk)
    return render(request, "courses/cancel_course.html", {"course": course, "form": form})


@login_required
@require_POST
def close(request, pk):
    course = _managed_course(request, pk)
    with domain_errors(request) as outcome:
        completions = services.close_course(course, actor=request.user)
    if outcome.ok:
        messages.success(
            request,
            _("Der Kurs ist abgeschlossen. %(count)d Teilnahmebescheinigung(en) ausgestellt.")
            % {"count": len(completions)},
        )
    return redirect("courses:participants", pk=pk)


@login_required
def participants(request, pk):
    course = _managed_course(request, pk)
    if fmt := requested_format(request):
        return _participants_export(fmt, course)
    rows = list(queries.participants_of(course))
    sessions = list(course.sessions.all())
    return render(
        request,
        "courses/participants.html",
        {
            "course": course,
            "confirmed": [r for r in rows if r.status == Registration.Status.CONFIRMED],
            "waiting": [
                r
                for r in rows
                if r.status in (Registration.Status.WAITLISTED, Registration.Status.OFFERED)
            ],
            "inactive": [r for r in rows if r.status not in Registration.ACTIVE],
            "sessions": sessions,
        },
    )


@login_required
def participants_csv(request, pk):
    """The first download link (kept for bookmarks): the participants page as CSV."""
    course = _managed_course(request, pk)
    return _participants_export("csv", course)


def _participants_export(fmt, course):
    name = f"{_('Teilnehmende')} {course.title}"
    return export_response(fmt, exports.PARTICIPANTS, queries.participants_of(course), name=name)


@login_required
def participant(request, pk, registration_pk):
    course = _managed_course(request, pk)
    registration = get_object_or_404(
        Registration.objects.select_related("person"), pk=registration_pk, course=course
    )
    move_form = MoveForm(
        request.POST if request.POST.get("form") == "move" else None, prefix="move"
    )
    remove_form = ReasonForm(
        request.POST if request.POST.get("form") == "remove" else None, prefix="remove"
    )
    if move_form.is_bound and move_form.is_valid():
        with domain_errors(request) as outcome:
            services.move_registration(
                registration,
                action=move_form.cleaned_data["action"],
                reason=move_form.cleaned_data["reason"],
                actor=request.user,
            )
        if outcome.ok:
            messages.success(request, _("Die Änderung ist gespeichert."))
            return redirect("courses:participants", pk=pk)
    if remove_form.is_bound and remove_form.is_valid():
        with domain_errors(request) as outcome:
            services.cancel_registration(
                registration, actor=request.user, reason=remove_form.cleaned_data["reason"]
            )
        if outcome.ok:
            messages.success(request, _("Die Person ist abgemeldet."))
            return redirect("courses:participants", pk=pk)
    return render(
        request,
        "courses/participant.html",
        {
            "course": course,
            "registration": registration,
            "move_form": move_form,
            "remove_form": remove_form,
        },
    )


@login_required
def attendance(request, pk, session_pk):
    course = _managed_course(request, pk)
    session = get_object_or_404(Session, pk=session_pk, course=course)
    rows = list(
        Registration.objects.filter(course=course, status=Registration.Status.CONFIRMED)
        .select_related("person")
        .prefetch_related(
            Prefetch("attendances", queryset=session.attendances.all(), to_attr="here")
        )
        .order_by("person__display_name", "pk")
    )
    if request.method == "POST":
        with domain_errors(request) as outcome:
            services.record_attendance(
                session, present_ids=request.POST.getlist("present"), actor=request.user
            )
        if outcome.ok:
            messages.success(request, _("Die Anwesenheit ist gespeichert."))
            return redirect("courses:attendance", pk=pk, session_pk=session_pk)
    for row in rows:
        row.present = bool(row.here and row.here[0].present)
    return render(
        request, "courses/attendance.html", {"course": course, "session": session, "rows": rows}
    )
