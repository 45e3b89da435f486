"""Who may see or do what with shifts.

=========================  ==============================================================
permission                 who
=========================  ==============================================================
shifts.view_shiftplan      signed-in people for plans of confirmed organizations; the
                           organization's coordinators for every plan of it
shifts.view_shift          whoever sees the shift's plan
shifts.sign_up             the same: whoever sees the shift's plan
shifts.view_shiftsignup    the person signed up; the plan's coordinators
shifts.cancel_signup       the person signed up („Ich kann nicht“)
shifts.create_plan         coordinators of the organization
shifts.manage_plan         coordinators of the plan's organization (add shifts, see who
                           signed up, take people off)
=========================  ==============================================================

Agency and network staff have no special rights here; superusers get nothing extra.
"""

import rules

from ehrensache.accounts.roles import roles_of
from ehrensache.accounts.rules import coordinates_organization, is_authenticated


@rules.predicate
def is_plan_coordinator(user, plan) -> bool:
    return plan is not None and plan.organization_id in roles_of(user).organization_ids


@rules.predicate
def is_open_plan(user, plan) -> bool:
    return plan is not None and is_authenticated(user) and plan.organization.is_confirmed


may_view_plan = is_open_plan | is_plan_coordinator


@rules.predicate
def may_view_shift(user, shift) -> bool:
    return shift is not None and may_view_plan(user, shift.plan)


@rules.predicate
def signed_up(user, signup) -> bool:
    return is_authenticated(user) and signup is not None and signup.person_id == user.pk


@rules.predicate
def coordinates_signup(user, signup) -> bool:
    return signup is not None and is_plan_coordinator(user, signup.shift.plan)


rules.add_perm("shifts.view_shiftplan", may_view_plan)
rules.add_perm("shifts.view_shift", may_view_shift)
rules.add_perm("shifts.sign_up", may_view_shift)
rules.add_perm("shifts.view_shiftsignup", signed_up | coordinates_signup)
rules.add_perm("shifts.cancel_signup", signed_up)
rules.add_perm("shifts.create_plan", coordinates_organization)
rules.add_perm("shifts.manage_plan", is_plan_coordinator)
