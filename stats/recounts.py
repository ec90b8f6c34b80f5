"""Counting again, off the request: "Count again now" and cron ask for a
recount (stats.tasks.request_recount), a background task does it (here), and the
dashboard shows when the figures were last counted and whether a recount is
queued or running.

With the immediate backend (development, tests) the task runs at once, in
the request; with the database backend (production) `manage.py db_worker`
runs it, and the request returns straight away.
"""

from __future__ import annotations

import traceback
from datetime import timedelta

from django.utils import timezone

from .models import Recount, Snapshot
from .refresh import refresh_statistics

# A recount still "running" after this long died with its worker: another may start.
GIVE_UP_AFTER = timedelta(hours=2)


def pending_recount() -> Recount | None:
    """The recount that is queued or running now, if any."""
    recent = timezone.now() - GIVE_UP_AFTER
    return (
        Recount.objects.filter(state__in=[Recount.QUEUED, Recount.RUNNING], queued_at__gte=recent)
        .order_by("-queued_at")
        .first()
    )


def run_recount(recount_id: int) -> Recount:
    """Does a queued recount (the task's body): running, then done with its
    snapshot, or failed with the error."""
    claimed = Recount.objects.filter(pk=recount_id, state=Recount.QUEUED).update(
        state=Recount.RUNNING, started_at=timezone.now()
    )
    recount = Recount.objects.get(pk=recount_id)
    if not claimed:
        return recount  # done already, or taken by another worker
    try:
        snapshot = refresh_statistics(full=True if recount.full else None)
    except Exception:
        Recount.objects.filter(pk=recount_id).update(
            state=Recount.FAILED, finished_at=timezone.now(), error=traceback.format_exc()[-4000:]
        )
        raise
    Recount.objects.filter(pk=recount_id).update(state=Recount.DONE, finished_at=timezone.now(), snapshot=snapshot)
    recount.refresh_from_db()
    return recount


def last_snapshot() -> Snapshot | None:
    return Snapshot.objects.order_by("-refreshed_at", "-id").first()
