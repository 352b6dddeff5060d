"""Background work, run by `lifelong-week db_worker` (django-tasks, database backend)."""

from django_tasks import task

from lifelong_week.reports.reminders import run_daily


@task()
def send_daily_reminders() -> int:
    """Send today's reminders; running it twice the same day sends nothing more."""
    return run_daily()
