"""Sending the xAPI outbox to the Learning Record Store.

Statements go in batches (XAPI_BATCH_SIZE), oldest first, by POST to
XAPI_ENDPOINT/statements with HTTP basic authentication. Each carries its
own id, so sending one again (a worker stopped between the LRS's answer and
our note of it) is harmless: the LRS keeps one.

A batch the LRS does not take stays in the outbox: its tries go up and its
next try waits longer each time (XAPI_RETRY_BASE_SECONDS doubled per try, at
most XAPI_RETRY_MAX_SECONDS). Within one send, requests' own retries cover a
brief network hiccup. Nothing is ever dropped for being late.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import timedelta

import requests
from django.conf import settings
from django.db.models import F
from django.utils import timezone
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from .models import XapiStatement

logger = logging.getLogger(__name__)
XAPI_VERSION = "1.0.3"


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0
    waiting: int = 0  # still in the outbox, not yet due

    @property
    def next_try_at(self):
        row = XapiStatement.objects.filter(sent_at__isnull=True).order_by("next_try_at").first()
        return row.next_try_at if row else None


def statements_url() -> str:
    return settings.XAPI_ENDPOINT.rstrip("/") + "/statements"


def _session() -> requests.Session:
    session = requests.Session()
    retry = Retry(
        total=settings.XAPI_HTTP_RETRIES,
        backoff_factor=0.5,
        status_forcelist=(429, 500, 502, 503, 504),
        allowed_methods=frozenset({"POST"}),  # safe: statements carry their ids
        raise_on_status=False,
    )
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.mount("https://", HTTPAdapter(max_retries=retry))
    session.auth = (settings.XAPI_USERNAME, settings.XAPI_PASSWORD) if settings.XAPI_USERNAME else None
    session.headers["X-Experience-API-Version"] = XAPI_VERSION
    return session


def backoff(tries: int) -> timedelta:
    """How long to wait before the next try, after `tries` failed ones."""
    seconds = settings.XAPI_RETRY_BASE_SECONDS * 2 ** max(tries - 1, 0)
    return timedelta(seconds=min(seconds, settings.XAPI_RETRY_MAX_SECONDS))


def _due(batch_size):
    return list(
        XapiStatement.objects.filter(sent_at__isnull=True, next_try_at__lte=timezone.now()).order_by(
            "created_at", "id"
        )[:batch_size]
    )


def _in_backoff() -> bool:
    return XapiStatement.objects.filter(sent_at__isnull=True, tries__gt=0, next_try_at__gt=timezone.now()).exists()


def send_due_statements(max_batches: int = 100) -> SendReport:
    """Sends every statement that is due, batch by batch; stops at the first
    batch the LRS refuses or cannot be reached for (the rest wait their turn)."""
    report = SendReport()
    if not settings.XAPI_ENDPOINT:
        return report
    if _in_backoff():
        # The LRS failed a moment ago: new statements wait with the old ones
        # (in order), and no learner's request waits on an LRS that is down.
        report.waiting = XapiStatement.objects.filter(sent_at__isnull=True).count()
        return report
    session = _session()
    for _ in range(max_batches):
        batch = _due(settings.XAPI_BATCH_SIZE)
        if not batch:
            break
        error = _post(session, batch)
        ids = [row.id for row in batch]
        if error is None:
            # Only rows still there: a learner erased meanwhile has none left.
            XapiStatement.objects.filter(id__in=ids, sent_at__isnull=True).update(sent_at=timezone.now())
            report.sent += len(batch)
            continue
        tries = batch[0].tries + 1
        XapiStatement.objects.filter(id__in=ids).update(
            tries=F("tries") + 1, next_try_at=timezone.now() + backoff(tries), last_error=error[:500]
        )
        report.failed += len(batch)
        logger.warning("xAPI: the LRS did not take %d statements: %s", len(batch), error)
        break
    report.waiting = XapiStatement.objects.filter(sent_at__isnull=True).count()
    return report


def _post(session, batch) -> str | None:
    """None when the LRS stored the batch (or already had it), else why not."""
    payload = [{"id": str(row.id), **row.statement} for row in batch]
    try:
        response = session.post(statements_url(), json=payload, timeout=settings.XAPI_TIMEOUT_SECONDS)
    except requests.RequestException as exc:
        return f"{type(exc).__name__}: {exc}"
    if response.status_code in (200, 204):
        return None
    return f"HTTP {response.status_code}: {response.text[:300]}"
