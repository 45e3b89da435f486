from .tasks import delete_unverified_accounts

JOBS = [delete_unverified_accounts]
