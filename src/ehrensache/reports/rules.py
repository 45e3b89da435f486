"""Who sees which statistics: agency staff their agency's region, network staff their state
(nationwide network staff every state and Germany), coordinators their organization; the
yearly overview per state is public. Figures below 5 are hidden for everybody alike."""

import rules

from ehrensache.accounts.rules import (
    coordinates_organization,
    is_network_staff_for_object,
    staffs_agency,
)

rules.add_perm("reports.view_overview", rules.always_allow)
rules.add_perm("reports.view_agency_statistics", staffs_agency | is_network_staff_for_object)
rules.add_perm("reports.view_state_statistics", is_network_staff_for_object)
rules.add_perm("reports.view_organization_statistics", coordinates_organization)
# The annual report of an agency: its staff write the texts, network staff of its state read.
rules.add_perm("reports.view_annual_report", staffs_agency | is_network_staff_for_object)
rules.add_perm("reports.edit_annual_report", staffs_agency)
