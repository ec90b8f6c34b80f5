#!/usr/bin/env python
"""Measures the statistics area over seeded learner records
(bench/seed_statistics.py first):

  (a) counting: a full `stats.refresh.refresh_statistics(full=True)`, then an
      incremental one after 1 % of the enrolments changed: wall time, the
      cells written, peak memory (tracemalloc in second, traced runs; the
      process's maximum resident set size), and the utility of the published
      figures (how far the altered counts are from the true ones);
  (b) the dashboard `/en/stats/` under eight filters, for an ASEAN-wide and
      a Malaysia-only reviewer signed in with password + TOTP: median and
      p95 milliseconds over --runs requests (after warm-up), SQL queries;
  (c) the CSV export `/en/stats/export.csv`: time to the last byte, bytes,
      peak Python memory while streaming;
  (d) the JSON API `/api/stats/v1/report` with a bearer token.

    DATABASE_URL=sqlite:////tmp/celik-bench.sqlite3 .venv/bin/python bench/stats_bench.py --runs 20

Requests go through django.test.Client: the whole middleware stack, URL
resolving, sessions, the 2FA check, the view and the template, without a
network or a WSGI server in between. DEBUG is off (as in production) unless
--debug. The statistics API's rate limit (120/min per address) is lifted for
the run; nothing else is changed.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import resource
import statistics
import sys
import time
import traceback
import tracemalloc
from datetime import timedelta
from urllib.parse import urlencode

import _bootstrap

if "--debug" not in sys.argv:
    os.environ["DEBUG"] = "0"  # read by cms.settings.dev: measure as production runs
_bootstrap.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

PASSWORD = "bench-reviewer-password-not-secret"
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
HOST = "localhost"
REVIEWERS = {
    # label: (username, email, ReviewerScope fields)
    "ASEAN-wide": ("bench-reviewer-asean", "bench-reviewer-asean@example.com", {"asean_wide": True, "countries": []}),
    "Malaysia only": ("bench-reviewer-my", "bench-reviewer-my@example.com", {"asean_wide": False, "countries": ["MY"]}),
}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed requests per filter (default 20)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests first (default 2)")
    parser.add_argument("--skip-refresh", action="store_true", help="use the cells already counted")
    parser.add_argument("--no-traced-refresh", action="store_true", help="skip the second, tracemalloc'd refresh")
    parser.add_argument(
        "--only",
        choices=["refresh", "dashboard", "csv", "api"],
        action="append",
        help="run only these parts (repeatable)",
    )
    parser.add_argument("--json", metavar="PATH", help="also write every figure to this JSON file")
    parser.add_argument("--debug", action="store_true", help="keep DEBUG as the settings have it")
    args = parser.parse_args(argv)
    parts = set(args.only or ["refresh", "dashboard", "csv", "api"])

    results = {"database": _bootstrap.database_label(), "debug": settings.DEBUG, "runs": args.runs}
    print(f"Database: {results['database']}   DEBUG={settings.DEBUG}   runs={args.runs} (+{args.warmup} warm-up)")
    results["records"] = record_counts()
    print("Records: " + ", ".join(f"{name} {count:,}" for name, count in results["records"].items()))
    if results["records"]["enrolments"] == 0:
        sys.exit("No enrolments: run bench/seed_statistics.py first.")

    if "refresh" in parts and not args.skip_refresh:
        results["refresh"] = bench_refresh(traced=not args.no_traced_refresh)
    results["cells"] = cell_counts()
    print("Cells: " + ", ".join(f"{name} {count:,}" for name, count in results["cells"].items()))
    if results["cells"]["StatsCell"] == 0:
        sys.exit("No cells counted: run without --skip-refresh.")

    http_parts = parts & {"dashboard", "csv", "api"}
    if http_parts:
        if not stats_urls_exist():
            print("\nThe stats views are not wired yet (no /en/stats/ or /api/stats/v1/report): skipping (b)-(d).")
        else:
            results.update(bench_http(http_parts, args.runs, args.warmup))

    print(f"\nmax RSS of this process: {maxrss_mib():,.0f} MiB")
    if args.json:
        with open(args.json, "w") as out:
            json.dump(results, out, indent=2, default=str)
        print(f"Figures written to {args.json}")


# --- What there is ----------------------------------------------------------------


def record_counts():
    from accounts.models import User
    from courses.models import Enrollment, LessonProgress
    from quizzes.models import QuestionAnswer, QuizAttempt

    return {
        "users": User.objects.count(),
        "enrolments": Enrollment.objects.count(),
        "lesson progress": LessonProgress.objects.count(),
        "quiz attempts": QuizAttempt.objects.count(),
        "answers": QuestionAnswer.objects.count(),
    }


def cell_counts():
    from stats.models import CompetenceCell, StatsCell

    return {"StatsCell": StatsCell.objects.count(), "CompetenceCell": CompetenceCell.objects.count()}


def maxrss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


# --- (a) counting -------------------------------------------------------------------


def bench_refresh(traced=True, changed_share=0.01):
    """(a) A full count, then an incremental one after `changed_share` of the
    enrolments changed, each timed, then each again under tracemalloc for
    its peak Python memory."""
    from stats.refresh import refresh_statistics

    print("\n(a) counting: refresh_statistics(full=True), then incremental after 1 % changed")
    rss_before = maxrss_mib()
    started = time.perf_counter()
    snapshot = refresh_statistics(full=True)
    seconds = time.perf_counter() - started
    rss_after = maxrss_mib()
    cells = cell_counts()
    result = {
        "full_seconds": round(seconds, 2),
        "enrolments": snapshot.enrolments,
        **cells,
        "maxrss_before_mib": round(rss_before),
        "maxrss_after_mib": round(rss_after),
    }
    print(
        f"  full count           {seconds:10.2f} s  ({snapshot.enrolments:,} enrolments, "
        f"{snapshot.enrolments / seconds:,.0f} per second)"
    )
    print(f"  cells written        {cells['StatsCell']:10,} StatsCell, {cells['CompetenceCell']:,} CompetenceCell")
    print(f"  max RSS              {rss_after:10,.0f} MiB (was {rss_before:,.0f} MiB before counting)")
    result["check"] = check_cells(snapshot)

    changed = change_enrolments(changed_share)
    started = time.perf_counter()
    incremental = refresh_statistics()
    inc_seconds = time.perf_counter() - started
    result.update(
        changed_enrolments=changed,
        incremental_kind=incremental.kind,
        incremental_counted_again=incremental.changed,
        incremental_seconds=round(inc_seconds, 2),
        incremental_share_of_full=round(inc_seconds / seconds, 3),
    )
    print(
        f"  incremental count    {inc_seconds:10.2f} s  after {changed:,} enrolments changed "
        f"({incremental.kind}; {incremental.changed:,} counted again): {inc_seconds / seconds:.1%} of the full count"
    )
    result["check_incremental"] = check_cells(incremental)
    result["utility"] = utility()
    result["gain"] = gain_figures()
    if traced:
        for label, kwargs in (("full", {"full": True}), ("incremental", {})):
            if label == "incremental":
                change_enrolments(changed_share, salt=1)
            tracemalloc.start()
            started = time.perf_counter()
            refresh_statistics(**kwargs)
            traced_seconds = time.perf_counter() - started
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            result[f"{label}_tracemalloc_peak_mib"] = round(peak / 2**20, 1)
            print(
                f"  peak Python memory   {peak / 2**20:10,.1f} MiB, {label} count "
                f"(tracemalloc; that run took {traced_seconds:.1f} s traced)"
            )
    return result


def change_enrolments(share, salt=0):
    """Makes `share` of the enrolments change as a day of learning would:
    each does something now, a fifth of the unfinished ones complete.
    Spread evenly over every course, country and period (the worst case
    for an incremental count: no cell is spared)."""
    from courses.models import Enrollment

    now = timezone.now()
    step = max(1, round(1 / share))
    ids = list(Enrollment.objects.order_by("id").values_list("id", flat=True))[salt::step]
    for start in range(0, len(ids), 5000):
        chunk = ids[start : start + 5000]
        Enrollment.objects.filter(id__in=chunk).update(last_activity_at=now)
        Enrollment.objects.filter(id__in=chunk[::5], completed_at__isnull=True).update(completed_at=now)
    return len(ids)


def utility():
    """How far the published figures are from the truth: per table row of
    the ASEAN-wide dashboard (by course, country, age group, language), and
    for the figures of one country, one age group and one language over the
    last year by week, the difference between the altered and the true count."""
    from django.db.models import Sum

    from stats.models import StatsCell

    rows = []
    for column in ("course_key", "country", "age_band", "language", "period"):
        for row in StatsCell.objects.values(column).annotate(true=Sum("enrolments"), shown=Sum("published_enrolments")):
            rows.append((column, row["true"], row["shown"]))
    errors = [abs(shown - true) for _c, true, shown in rows]
    relative = [abs(shown - true) / true for _c, true, shown in rows if true >= 100]
    total = StatsCell.objects.aggregate(true=Sum("enrolments"), shown=Sum("published_enrolments"))
    result = {
        "rows": len(rows),
        "total_true": total["true"],
        "total_published": total["shown"],
        "median_abs_error": statistics.median(errors) if errors else 0,
        "max_abs_error": max(errors, default=0),
        "median_relative_error_pct": round(100 * statistics.median(relative), 3) if relative else None,
        "max_relative_error_pct": round(100 * max(relative), 3) if relative else None,
    }
    print(
        f"  utility              total {result['total_published']:,} published for {result['total_true']:,} true; "
        f"{result['rows']:,} rows (course, country, age group, language, period): median error "
        f"{result['median_abs_error']} learners, largest {result['max_abs_error']}; "
        f"rows of 100 or more: median {result['median_relative_error_pct']} %, largest {result['max_relative_error_pct']} %"
    )
    return result


def gain_figures():
    """The learning gain (issue 24) as the ASEAN-wide dashboard shows it, next
    to the true figure from the true sums: n, before, after, mean gain and its
    95 % interval."""
    from django.db.models import Sum

    from stats.models import StatsCell
    from stats.queries import Filters, build_report
    from stats.scopes import ASEAN_WIDE

    true = StatsCell.objects.aggregate(
        n=Sum("gain_learners"), before=Sum("before_sum"), after=Sum("after_sum"), gain=Sum("gain_sum")
    )
    n = true["n"] or 0
    summary = build_report(ASEAN_WIDE, Filters()).summary
    shown = {
        name: summary[name].value
        for name in ("gain_learners", "before_score", "after_score", "gain", "gain_low", "gain_high")
    }
    result = {
        "true": {
            "gain_learners": n,
            "before_score": round(true["before"] / n, 1) if n else None,
            "after_score": round(true["after"] / n, 1) if n else None,
            "gain": round(true["gain"] / n / 100, 3) if n else None,
        },
        "published": shown,
    }
    print(
        f"  learning gain        {shown['gain_learners']} learners with before and after (true {n:,}): "
        f"before {shown['before_score']} %, after {shown['after_score']} %, mean normalised gain {shown['gain']} "
        f"(95 % interval {shown['gain_low']} to {shown['gain_high']}; true {result['true']['gain']})"
    )
    return result


def check_cells(snapshot):
    """The cells must add up to the records they were counted from."""
    from django.db.models import Sum

    from courses.models import Enrollment
    from quizzes.models import QuizAttempt
    from stats.models import StatsCell

    sums = StatsCell.objects.aggregate(
        enrolments=Sum("enrolments"),
        completed=Sum("completed"),
        active=Sum("active"),
        takers=Sum("quiz_takers"),
    )
    active_since = snapshot.refreshed_at - timedelta(days=settings.STATS_ACTIVE_DAYS)
    direct = {
        "enrolments": Enrollment.objects.count(),
        "completed": Enrollment.objects.filter(completed_at__isnull=False).count(),
        "active": Enrollment.objects.filter(last_activity_at__gte=active_since).count(),
        "takers": QuizAttempt.objects.filter(submitted_at__isnull=False, purpose="quiz")
        .values("course_key", "user_id", "erased_learner")
        .distinct()
        .count(),
    }
    lines = []
    for name, expected in direct.items():
        got = sums[name] or 0
        lines.append(f"{name} {got:,}{' = ' if got == expected else ' != '}{expected:,}")
    ok = all((sums[name] or 0) == expected for name, expected in direct.items())
    print(f"  check (cells = records) {'OK' if ok else 'MISMATCH'}: " + "; ".join(lines))
    return {"ok": ok, "cells": sums, "records": direct}


# --- (b)-(d) over HTTP --------------------------------------------------------------


def stats_urls_exist():
    from django.urls import Resolver404, resolve
    from django.utils import translation

    try:
        with translation.override("en"):
            resolve("/en/stats/")
            resolve("/api/stats/v1/report")
        return True
    except Resolver404:
        return False


def filter_sets(course_key):
    today = timezone.localdate()
    start = (today - timedelta(days=30)).isoformat()
    every = {
        "course": str(course_key),
        "country": "MY",
        "age_band": "60+",
        "language": "ms",
        "start": start,
        "end": today.isoformat(),
    }
    return [
        ("none", {}),
        ("course", {"course": str(course_key)}),
        ("country=MY", {"country": "MY"}),
        ("age_band=60+", {"age_band": "60+"}),
        ("language=ms", {"language": "ms"}),
        ("last 30 days", {"start": start, "end": today.isoformat()}),
        ("all together", every),
        ("interval=month", {"interval": "month"}),
    ]


def pick_course():
    """The English course with the most enrolments (what a reviewer picks first)."""
    from django.db.models import Count

    from courses.models import CoursePage, Enrollment

    busiest = Enrollment.objects.values("course_key").annotate(n=Count("id")).order_by("-n").first()
    if busiest:
        return busiest["course_key"]
    return CoursePage.objects.filter(locale__language_code="en").values_list("translation_key", flat=True).first()


def bench_http(parts, runs, warmup):
    rates = {**getattr(settings, "ACCOUNT_RATE_LIMITS", {}), "stats_api": "1000000/m/ip"}
    hosts = [*settings.ALLOWED_HOSTS, HOST]
    results = {}
    with override_settings(ACCOUNT_RATE_LIMITS=rates, ALLOWED_HOSTS=hosts):
        course = pick_course()
        filters = filter_sets(course)
        print(
            f"\nFilters: course = {course} (the busiest); last 30 days = {filters[5][1]['start']} to {filters[5][1]['end']}"
        )
        reviewers = {label: reviewer(label, *spec) for label, spec in REVIEWERS.items()}
        if "dashboard" in parts:
            results["dashboard"] = run_endpoint(
                "(b) dashboard GET /en/stats/", "/en/stats/", filters, reviewers, runs, warmup, via="session"
            )
        if "csv" in parts:
            results["csv"] = run_endpoint(
                "(c) CSV export GET /en/stats/export.csv",
                "/en/stats/export.csv",
                filters,
                reviewers,
                runs,
                warmup,
                via="session",
            )
        if "api" in parts:
            results["api"] = run_endpoint(
                "(d) JSON API GET /api/stats/v1/report",
                "/api/stats/v1/report",
                filters,
                reviewers,
                runs,
                warmup,
                via="token",
            )
    return results


class Reviewer:
    def __init__(self, label, user, client, token):
        self.label, self.user, self.client, self.token = label, user, client, token


def reviewer(label, username, email, scope_fields):
    """A reviewer with a password, a verified email, an authenticator app, the
    role, a fresh API token, and a client signed in with password + TOTP."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from accounts.models import User
    from stats.models import ApiToken, ReviewerScope
    from stats.tokens import create_token

    with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, email=email, password=PASSWORD)
        else:
            user.set_password(PASSWORD)
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
            TOTP.activate(user, generate_totp_secret())
        ReviewerScope.objects.update_or_create(user=user, defaults=scope_fields)
        ApiToken.objects.filter(owner=user, name="bench").delete()
        _token, raw = create_token(user, "bench")
        client = Client(HTTP_HOST=HOST)
        sign_in(client, user, email)
    return Reviewer(label, user, client, raw)


def totp_code(user):
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
    from allauth.mfa.utils import decrypt

    secret = decrypt(Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"])
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client, user, email):
    """Password, then the authenticator's code: the real allauth flow, as
    tests/conftest.py staff_sign_in does. A code is accepted once, so a second
    run within the same 30 s waits for the next code."""
    for _attempt in range(3):
        response = client.post("/en/accounts/login/", {"login": email, "password": PASSWORD})
        if response.status_code != 302 or "/2fa/authenticate/" not in response["Location"]:
            raise SystemExit(
                f"Sign-in of {email} did not ask for the second factor: {response.status_code} {response.get('Location')}"
            )
        second = client.post(response["Location"], {"code": totp_code(user)})
        if second.status_code == 302:
            return
        time.sleep(31 - time.time() % 30)  # the code was used already: wait for the next one
        client.logout()
    raise SystemExit(f"Second-factor sign-in of {email} failed: {second.status_code}\n{second.content.decode()[:2000]}")


def percentile(values, share):
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def one_request(reviewer, path, params, via):
    """(status, milliseconds to the last byte, bytes, queries, first-byte ms)."""
    headers = {"HTTP_AUTHORIZATION": f"Bearer {reviewer.token}"} if via == "token" else {}
    client = Client(HTTP_HOST=HOST) if via == "token" else reviewer.client  # a BI tool has no session
    reset_queries()  # CaptureQueriesContext counts in a log capped at 9,000 queries: start it empty
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path, params, **headers)
        first = time.perf_counter()
        if response.streaming:
            size = 0
            for chunk in response.streaming_content:
                size += len(chunk)
        else:
            size = len(response.content)
        response.close()
        done = time.perf_counter()
    return response.status_code, (done - started) * 1000, size, len(queries), (first - started) * 1000, response


def run_endpoint(title, path, filters, reviewers, runs, warmup, via):
    print(f"\n{title}")
    print(
        f"  {'reviewer':<14} {'filter':<15} {'status':>6} {'median ms':>10} {'p95 ms':>8} {'min ms':>8} "
        f"{'queries':>7} {'bytes':>9} {'peak KiB':>9}"
    )
    rows = []
    for reviewer in reviewers.values():
        for label, params in filters:
            try:
                row = time_one(reviewer, path, label, params, runs, warmup, via)
            except Exception:  # a view that fails: show the traceback, go on with the others
                print(f"  !! {reviewer.label}: GET {path}?{urlencode(params)} raised:")
                print("     " + traceback.format_exc().replace("\n", "\n     "))
                row = {
                    "reviewer": reviewer.label,
                    "filter": label,
                    "query": urlencode(params),
                    "status": "exception",
                    "traceback": traceback.format_exc(),
                }
            rows.append(row)
    return rows


def time_one(reviewer, path, label, params, runs, warmup, via):
    """Warm-up requests, then `runs` timed ones, then one under tracemalloc."""
    base = {"reviewer": reviewer.label, "filter": label, "query": urlencode(params)}
    for _ in range(warmup):
        status, *_rest, response = one_request(reviewer, path, params, via)
        if status != 200:
            report_failure(reviewer, path, params, status, response)
            print(f"  {reviewer.label:<14} {label:<15} {status:>6}  (not timed: see above)", flush=True)
            return {**base, "status": status}
    times, first_bytes, query_counts, statuses = [], [], set(), set()
    for _ in range(runs):
        status, ms, size, queries, first_ms, _response = one_request(reviewer, path, params, via)
        times.append(ms)
        first_bytes.append(first_ms)
        query_counts.add(queries)
        statuses.add(status)
    tracemalloc.start()
    one_request(reviewer, path, params, via)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    row = {
        **base,
        "status": "/".join(str(s) for s in sorted(statuses)),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(percentile(times, 0.95), 1),
        "min_ms": round(min(times), 1),
        "max_ms": round(max(times), 1),
        "median_first_byte_ms": round(statistics.median(first_bytes), 1),
        "queries": sorted(query_counts),
        "bytes": size,
        "peak_kib": round(peak / 1024),
    }
    queries = "/".join(str(q) for q in row["queries"])
    print(
        f"  {reviewer.label:<14} {label:<15} {row['status']:>6} {row['median_ms']:>10.1f} {row['p95_ms']:>8.1f} "
        f"{row['min_ms']:>8.1f} {queries:>7} {size:>9,} {row['peak_kib']:>9,}",
        flush=True,
    )
    return row


def report_failure(reviewer, path, params, status, response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    print(
        f"  !! {reviewer.label}: GET {path}?{urlencode(params)} answered {status} "
        f"{response.get('Location', '')}\n     {body.decode(errors='replace')[:500]!r}"
    )


if __name__ == "__main__":
    main()
