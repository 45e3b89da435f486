"""Signals of the accounts app.

``account_deleting(sender=User, user=user)`` is sent inside the deletion transaction, before
the user row is deleted: receivers erase what belongs only to the person and anonymise what
others still need. An exception in a receiver aborts the deletion.
"""

from django.dispatch import Signal

account_deleting = Signal()
