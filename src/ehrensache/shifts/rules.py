"""Who may see or do what with shifts.

- coordinators of the organization manage its plans and see every sign-up;
- every signed-in person sees the plans of confirmed organizations and signs up;
- a person sees only their own sign-ups; agency staff have no special rights here.
"""

import rules

from ehrensache.accounts.roles import roles_of


def manages_plan(user, plan) -> bool:
    return plan is not None and plan.organization_id in roles_of(user).organization_ids


@rules.predicate
def is_plan_coordinator(user, plan):
    return manages_plan(user, plan)


@rules.predicate
def is_open_plan(user, plan):
    return plan is not None and user.is_authenticated and plan.organization.is_confirmed


rules.add_perm("shifts.view_plan", is_open_plan | is_plan_coordinator)
rules.add_perm("shifts.manage_plan", is_plan_coordinator)
