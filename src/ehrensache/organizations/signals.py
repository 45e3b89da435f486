"""What the organizations app announces to apps above it (it never imports them).

Receivers run synchronously, inside the sender's transaction.
"""

from django.dispatch import Signal

# ``organization``: the renamed organization (its name is in the search columns of its
# opportunities and courses).
organization_renamed = Signal()
