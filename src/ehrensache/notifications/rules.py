"""Who may do what with notifications: every signed-in person sets their own choices.

=====================================  ==============================================
permission                             who
=====================================  ==============================================
notifications.change_preferences       every signed-in person (their own only)
=====================================  ==============================================
"""

import rules

from ehrensache.accounts.rules import is_authenticated

rules.add_perm("notifications.change_preferences", is_authenticated)
