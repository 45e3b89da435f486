"""What the agencies app announces to apps above it (it never imports them).

Receivers run synchronously, inside the sender's transaction.
"""

from django.dispatch import Signal

# ``agency``: the renamed agency (its name is in other apps' search columns, e.g. courses).
agency_renamed = Signal()
