from django import template

from ehrensache.courses.models import Completion, Registration

register = template.Library()


@register.simple_tag
def my_courses(user):
    """A person's active registrations (with waiting position), offers and completions."""
    if not user.is_authenticated:
        return {"registrations": [], "offers": [], "completions": []}
    registrations = list(
        Registration.objects.filter(person=user, status__in=Registration.ACTIVE)
        .select_related("course")
        .order_by("course__starts_at", "pk")
    )
    waiting = [r for r in registrations if r.status == Registration.Status.WAITLISTED]
    if waiting:
        ranks = {}
        for course_id, rank in Registration.objects.filter(
            course_id__in={r.course_id for r in waiting}, status=Registration.Status.WAITLISTED
        ).values_list("course_id", "waitlist_rank"):
            ranks.setdefault(course_id, []).append(rank)
        for r in waiting:
            r.position = sum(1 for rank in ranks[r.course_id] if rank < r.waitlist_rank) + 1
    return {
        "registrations": registrations,
        "offers": [r for r in registrations if r.status == Registration.Status.OFFERED],
        "completions": list(Completion.objects.filter(person=user).order_by("-last_day", "pk")),
    }
