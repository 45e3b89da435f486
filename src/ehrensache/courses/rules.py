"""Who may see or do what with courses. Roles come from ``roles_of`` (cached per request).

- everybody (also anonymous) sees published, cancelled and closed courses;
- the provider's staff (agency staff, coordinators, network staff of the course's state or
  nationwide) see their drafts and manage their courses, sessions and registrations;
- a person sees their own registrations and certificates and answers their own offers;
- coordinators register the volunteers of their organizations.
"""

import rules

from ehrensache.accounts.roles import roles_of
from ehrensache.accounts.rules import coordinates_organization, has_professional_role


@rules.predicate
def is_course_staff(user, course) -> bool:
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
def is_public_course(user, course) -> bool:
    return course is not None and course.status != "draft"


@rules.predicate
def owns_registration(user, registration) -> bool:
    return (
        registration is not None
        and user is not None
        and user.is_authenticated
        and registration.person_id == user.pk
    )


@rules.predicate
def manages_registration(user, registration) -> bool:
    return registration is not None and is_course_staff(user, registration.course)


@rules.predicate
def coordinates_any_or_this_organization(user, organization) -> bool:
    """Without an object: coordinates some organization; with one: that organization."""
    if organization is None:
        return roles_of(user).is_coordinator
    return coordinates_organization(user, organization)


rules.add_perm("courses.view_course", is_public_course | is_course_staff)
rules.add_perm("courses.manage_course", is_course_staff)
rules.add_perm("courses.create_course", has_professional_role)
rules.add_perm("courses.view_registration", owns_registration | manages_registration)
rules.add_perm("courses.manage_registration", manages_registration)
rules.add_perm("courses.answer_offer", owns_registration)
rules.add_perm("courses.register_others", coordinates_any_or_this_organization)
