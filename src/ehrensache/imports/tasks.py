from django_tasks import task

from . import services
from .models import ImportRun


@task()
def check_import(run_id: int) -> None:
    """The dry run of an uploaded file (every row's outcome, nothing written)."""
    run = ImportRun.objects.select_related("agency").filter(pk=run_id).first()
    if run is not None and run.status == ImportRun.Status.CHECKING:
        services.check_run(run)


@task()
def run_import(run_id: int) -> None:
    """The confirmed run: creates and updates the records in batches."""
    run = ImportRun.objects.select_related("agency").filter(pk=run_id).first()
    if run is not None and run.status == ImportRun.Status.IMPORTING:
        services.import_run(run)


@task()
def prune_imports() -> int:
    """Discard checked files nobody confirmed within a week; delete runs after a year."""
    return services.prune_imports()
