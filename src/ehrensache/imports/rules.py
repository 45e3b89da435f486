"""Who may take data over: staff of the agency, into their agency (and its region); the runs
and their row results are visible only to that agency's staff. Network staff, coordinators,
volunteers and the operator's account get nothing here."""

import rules

from ehrensache.accounts.rules import is_agency_staff, staffs_agency

rules.add_perm("imports.use_imports", is_agency_staff)
rules.add_perm("imports.import_records", staffs_agency)
rules.add_perm("imports.view_importrun", staffs_agency)
rules.add_perm("imports.manage_importrun", staffs_agency)
