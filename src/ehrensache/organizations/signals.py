"""What the organizations app announces to apps above it (it never imports them).

Receivers run synchronously, inside the sender's transaction.
"""

from django.dispatch import Signal

# ``organization``: the renamed organization (its name is in the search columns of its
# opportunities and courses).
organization_renamed = Signal()

# Sent when a person becomes a coordinator through an invitation or a claim (inside the
# transaction): ``organization``, ``user``. Brokering records that the agency's or contact
# address's open interests are now with the coordinators.
coordinator_joined = Signal()
