"""Who may see or do what with courses. Roles come from ``roles_of`` (cached per request)."""

import rules

from ehrensache.accounts.roles import roles_of


def manages_course(user, course) -> bool:
    """Staff of the course's provider (agency staff, coordinator, network staff)."""
    if course is None:
        return False
    roles = roles_of(user)
    if course.provider_kind == "agency":
        return course.agency_id in roles.agency_ids
    if course.provider_kind == "organization":
        return course.organization_id in roles.organization_ids
    if course.provider_kind == "network":
        return None in roles.network_state_ids or course.network_state_id in roles.network_state_ids
    return False


@rules.predicate
def is_course_staff(user, course):
    return manages_course(user, course)


@rules.predicate
def is_public_course(user, course):
    return course is not None and course.status != "draft"


@rules.predicate
def can_offer_courses(user):
    roles = roles_of(user)
    return roles.is_agency_staff or roles.is_coordinator or roles.is_network_staff


@rules.predicate
def owns_registration(user, registration):
    return registration is not None and user.is_authenticated and registration.person_id == user.pk


@rules.predicate
def manages_registration(user, registration):
    return registration is not None and manages_course(user, registration.course)


rules.add_perm("courses.view_course", is_public_course | is_course_staff)
rules.add_perm("courses.manage_course", is_course_staff)
rules.add_perm("courses.create_course", can_offer_courses)
rules.add_perm("courses.view_registration", owns_registration | manages_registration)
rules.add_perm("courses.manage_registration", manages_registration)
