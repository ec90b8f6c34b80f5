"""Load benchmark: the production server under wrk, against a minimal view.

Seeds the demo courses (several languages) and N learners with progress
(bench/seed_statistics.py), serves the site with gunicorn and the production
settings on 127.0.0.1, and drives it with wrk, one scenario after another:

  minimal view       GET /healthz, a Django view that touches nothing: the floor
  anonymous lesson   GET a lesson as a first-time visitor (no cookies)
  signed-in, cold    GET lessons as 1,000 other signed-in learners, who come
                     first and make the shared copies of the lessons (one per
                     pattern of done steps, cms/page_cache.py)
  signed-in lesson   GET a lesson as one of 300 signed-in learners
  course page        GET a course page as a signed-in learner: first visits
                     (no copy kept yet), then the steady state
  quiz question      GET one question of a signed-in learner's open attempt
  my learning        GET My learning as a signed-in learner: likewise
  quiz submission    POST a whole quiz (every answer) for a fresh attempt

and prints requests per second, p50 and p95 latency and errors for each,
with the targets: anonymous lesson >= 1/2, and each page made for a signed-in learner (lesson,
course page, quiz question, My learning, quiz submission) >= 1/4 of the
minimal view's throughput, and no error. See bench/README.md."""

import argparse
import json
import os
import random
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from importlib import import_module
from pathlib import Path

from _bootstrap import REPO

SCENARIOS = {
    "minimal": "minimal view (/healthz)",
    "anonymous_lesson": "anonymous lesson",
    "earlier_learners": "signed-in, cold cache",  # 1,000 other learners first: they make the shared copies
    "signed_in_lesson": "signed-in lesson",
    "course": "course page (signed in)",
    "quiz_question": "quiz question (signed in)",
    "my_learning": "My learning (signed in)",
    "quiz": "quiz submission",
}
# The pages made for each signed-in learner, each to reach 1/4 of the minimal view.
SIGNED_IN_TARGETS = ("signed_in_lesson", "course", "quiz_question", "my_learning", "quiz")
# The pages the page cache keeps (cms/page_cache.py) are measured in their
# steady state, each request sent once beforehand, as a campaign's learners
# meet them; the course page and My learning are also measured before that
# (their figures printed as "first", not targets): a learner's first visit
# with a new pattern of done steps, or after a new step, renders in full.
STEADY_STATE = ("signed_in_lesson", "course", "my_learning")
FIRST_VISITS_TOO = ("course", "my_learning")
SIGNED_IN_LEARNERS = 300
EARLIER_LEARNERS = 1000  # signed in before the measured ones, each reading lessons
FORWARDED_FOR_POOL = 5000  # distinct client addresses, as through a load balancer


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=10_000, help="seeded learners (default 10,000)")
    parser.add_argument("--duration", type=int, default=15, help="seconds of load per scenario (default 15)")
    parser.add_argument("--connections", type=int, default=32, help="open connections wrk keeps (default 32)")
    parser.add_argument("--wrk-threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument(
        "--workers", type=int, default=(os.cpu_count() or 1) * 2, help="gunicorn workers (default 2 per CPU)"
    )
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--attempts", type=int, default=6000, help="fresh quiz attempts prepared for the submission run"
    )
    parser.add_argument("--skip-seed", action="store_true", help="use the learners already in the database")
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument(
        "--only",
        help="comma-separated scenarios to run (minimal is always run): anonymous_lesson, signed_in_lesson, course, "
        "quiz_question, my_learning, quiz",
    )
    return parser.parse_args()


def server_environment(port):
    """The production settings, with what this run needs and the caller's
    DATABASE_URL and REDIS_URL. The bench process uses the same, so the
    sessions it writes are the ones the server reads."""
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DB_CONN_MAX_AGE=os.environ.get("DB_CONN_MAX_AGE", "60"),
        TRUSTED_PROXY_COUNT="1",  # wrk plays the load balancer and names each client in X-Forwarded-For
        PYTHONPATH=str(REPO),
    )
    return env


def ensure_wrk():
    if shutil.which("wrk"):
        return
    apt = ["apt-get"] if os.geteuid() == 0 else ["sudo", "apt-get"]
    print("installing wrk with apt-get ...", flush=True)
    subprocess.run([*apt, "install", "-y", "-qq", "wrk"], check=False)
    if not shutil.which("wrk"):
        subprocess.run([*apt, "update", "-qq"], check=True)
        subprocess.run([*apt, "install", "-y", "-qq", "wrk"], check=True)


def seed(args, env):
    from django.core.management import call_command

    from accounts.models import User

    call_command("migrate", verbosity=0, interactive=False)  # a fresh database has no tables to count in yet
    have = User.objects.filter(username__startswith="bench-l").count()
    if args.skip_seed or have >= args.learners:
        print(f"learners: {have:,} bench learners already seeded", flush=True)
        return
    # The seeder gives about 2.31 enrolments per learner, and 2 % of learners
    # have erased their account (no user left): 2.36 per remaining user.
    enrolments = round(args.learners * 2.36)
    print(f"seeding about {args.learners:,} learners ({enrolments:,} enrolments) ...", flush=True)
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "seed_statistics.py"), "--enrolments", str(enrolments), "--reset"],
        env=env,
        check=True,
        cwd=REPO,
    )


def some_answer(question, rng):
    """A valid answer to a question snapshot, right or wrong at random."""
    from quizzes import grading

    return grading.some_answer_values(question, rng)


def session_cookie(user):
    """A signed-in session, as Django's login() and the site's user_logged_in
    receiver make it (the receiver notes whether the person is staff, which
    the learner pages ask on every request)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from accounts.two_factor import remember_staff_session

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    remember_staff_session(store, user)
    store.create()
    return store.session_key


class RequestFile:
    """The lines wrk_requests.lua reads."""

    def __init__(self, directory, name, port, rng):
        self.path = Path(directory) / f"{name}.txt"
        self.origin = f"https://127.0.0.1:{port}"
        self.rng = rng
        self.lines = []

    def add(self, method, path, cookies=None, body="", headers=None):
        sent = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": f"10.{self.rng.randrange(FORWARDED_FOR_POOL) // 250}.{self.rng.randrange(250)}.{self.rng.randrange(1, 250)}",
            "Accept-Language": "en",
            **(headers or {}),
        }
        if cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
        self.lines.append("\t".join([method, path, " | ".join(f"{k}: {v}" for k, v in sent.items()), body]))

    def write(self):
        self.rng.shuffle(self.lines)
        self.path.write_text("\n".join(self.lines) + "\n")
        return self


def prepare(args, directory, rng):
    """Every request each scenario sends, written to files for wrk."""
    from urllib.parse import urlencode

    from django.urls import reverse
    from django.utils import translation

    from accounts.models import User
    from courses.models import CoursePage, LessonPage
    from quizzes import attempts
    from quizzes.models import QuizPage

    # A lesson that lists the reader's country's reporting channels is made for
    # each reader (never a shared copy): the lesson scenarios measure the others.
    lessons = [
        page
        for page in LessonPage.objects.live().public().select_related("locale")
        if not page.shows_reporting_channels
    ]
    courses = [page for page in CoursePage.objects.live().public().select_related("locale")]
    quizzes = [page for page in QuizPage.objects.live().public().select_related("locale")]
    languages = sorted({page.locale.language_code for page in lessons})
    print(
        f"content: {len(courses)} courses, {len(lessons)} lessons, {len(quizzes)} quizzes in {len(languages)} languages ({', '.join(languages)})"
    )

    learners = list(User.objects.filter(username__startswith="bench-l", is_active=True).order_by("pk"))
    print(
        f"learners: {len(learners):,} in the database with their progress; {SIGNED_IN_LEARNERS} of them signed in for the run"
    )
    signed_in = rng.sample(learners, min(SIGNED_IN_LEARNERS, len(learners)))
    sessions = [session_cookie(user) for user in signed_in]
    # The learners who came before: their visits made the shared copies of
    # the lessons (one per progress pattern) that the measured learners get.
    earlier = rng.sample(
        [user for user in learners if user not in set(signed_in)], min(EARLIER_LEARNERS, len(learners) - len(signed_in))
    )
    earlier_sessions = [session_cookie(user) for user in earlier]

    files = {name: RequestFile(directory, name, args.port, rng) for name in SCENARIOS}
    for _ in range(1000):
        files["minimal"].add("GET", "/healthz")
    for lesson in lessons:
        files["anonymous_lesson"].add("GET", lesson.url)
    for n in range(4000):
        files["signed_in_lesson"].add("GET", rng.choice(lessons).url, {"sessionid": sessions[n % len(sessions)]})
        files["earlier_learners"].add(
            "GET", rng.choice(lessons).url, {"sessionid": earlier_sessions[n % len(earlier_sessions)]}
        )
        files["course"].add("GET", rng.choice(courses).url, {"sessionid": sessions[n % len(sessions)]})
        files["my_learning"].add("GET", "/en/learn/my-learning/", {"sessionid": sessions[n % len(sessions)]})

    # Quiz questions: each signed-in learner has an attempt open, and asks
    # for its questions in turn, answered or not (as a learner moving back
    # and forth through a quiz does).
    if "quiz_question" in args.scenarios:
        for user, session in zip(signed_in, sessions):
            quiz = rng.choice(quizzes)
            try:
                attempt = attempts.start_attempt(user, quiz, quiz.locale.language_code, rng=rng)
            except attempts.AttemptLimitReached:
                continue
            for question in attempt.questions[: len(attempt.questions) // 2]:  # half of them answered
                attempts.record_answer(attempt, question["id"], some_answer(question, rng))
            with translation.override(attempt.language):
                for number in range(1, len(attempt.questions) + 1):
                    path = reverse("quizzes:question", args=[attempt.pk, number])
                    files["quiz_question"].add("GET", path, {"sessionid": session})

    # Quiz submissions: each line submits a fresh attempt once, by its own learner.
    print(f"starting {args.attempts:,} quiz attempts for the submission run ...", flush=True)
    prepared = []
    others = [
        user for user in learners if user not in set(signed_in)
    ]  # their open attempts are the quiz_question run's
    takers = rng.sample(others, min(len(others), args.attempts))
    for user in takers:
        quiz = rng.choice(quizzes)
        try:
            attempt = attempts.start_attempt(user, quiz, quiz.locale.language_code, rng=rng)
        except attempts.AttemptLimitReached:
            continue
        csrf = secrets.token_hex(16)  # an unmasked 32-character secret: the cookie and the form field alike
        fields = [("csrfmiddlewaretoken", csrf)] + [
            (f"answer-{question['id']}", value)
            for question in attempt.questions
            for value in some_answer(question, rng)
        ]
        with translation.override(attempt.language):
            path = reverse("quizzes:all_questions", args=[attempt.pk])
        files["quiz"].add(
            "POST",
            path,
            {"sessionid": session_cookie(user), "csrftoken": csrf},
            urlencode(fields),
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Origin": files["quiz"].origin,
                "Referer": files["quiz"].origin + path,
            },
        )
        prepared.append(attempt.pk)
    print(f"prepared {len(prepared):,} quiz attempts")
    for request_file in files.values():
        request_file.write()
    return files, prepared, lessons, sessions


def start_server(args, env, directory):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"], env=env, check=True, cwd=REPO
    )
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "cms.wsgi",
        "--bind",
        f"127.0.0.1:{args.port}",
        "--workers",
        str(args.workers),
        "--threads",
        str(args.threads),
        "--log-level",
        "warning",
    ]
    print("server: " + " ".join(command[2:]), flush=True)
    # Production logs a JSON line per request: kept, as in production, but in a
    # file rather than among the figures.
    log = open(Path(directory) / "server.log", "w")  # noqa: SIM115 - the server writes to it until it stops
    server = subprocess.Popen(command, env=env, cwd=REPO, start_new_session=True, stderr=log)
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}/healthz", timeout=1)  # as a load balancer does
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not answer /healthz in 20 s")


def fetch(port, path, cookie=None):
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{path}",
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": "10.0.0.1", **({"Cookie": cookie} if cookie else {})},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, dict(response.headers), response.read()


def warm_and_check(port, lessons, sessions, anonymous_lesson=True):
    """Fills the caches as the first visitors would, and checks that the
    scenarios measure what they say: a cached page for the anonymous
    visitor (when that scenario runs), a personal page for the signed-in one."""
    for lesson in lessons:
        fetch(port, lesson.url)
    status, headers, _ = fetch(port, lessons[0].url)
    if anonymous_lesson and headers.get("X-Page-Cache") != "hit":
        raise SystemExit(f"the anonymous lesson was not served from the page cache: {status} {headers}")
    status, headers, body = fetch(port, lessons[0].url, f"sessionid={sessions[0]}")
    if status != 200 or b"/accounts/logout/" not in body or "no-store" not in headers.get("Cache-Control", ""):
        raise SystemExit("a signed-in learner's lesson page did not come back signed in")


def fetch_each_once(port, request_file, workers=16):
    """Sends every request of the file once (GETs only), 16 at a time, as
    the learners' first visits would; returns how many came back from the
    page cache."""
    from concurrent.futures import ThreadPoolExecutor

    def send(line):
        method, path, header_text, _ = line.split("\t")
        headers = dict(pair.split(": ", 1) for pair in header_text.split(" | "))
        request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers, method=method)
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            return response.headers.get("X-Page-Cache") == "hit"

    with ThreadPoolExecutor(workers) as pool:
        return sum(pool.map(send, request_file.lines))


def print_figures(figures):
    print(
        f"  {figures['label']:32} {figures['rps']:8.1f} req/s   p50 {figures['p50_us'] / 1000:7.1f} ms   "
        f"p95 {figures['p95_us'] / 1000:7.1f} ms   errors {figures['errors']}",
        flush=True,
    )


def run_wrk(args, url, request_file):
    command = [
        "wrk",
        f"-t{args.wrk_threads}",
        f"-c{args.connections}",
        f"-d{args.duration}s",
        "--timeout",
        "10s",
        "-s",
        str(REPO / "bench" / "wrk_requests.lua"),
        url,
        "--",
        str(request_file.path),
        str(args.wrk_threads),
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    seconds = figures["duration_us"] / 1e6
    figures["rps"] = figures["requests"] / seconds
    figures["errors"] = sum(
        figures[key] for key in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return figures


def main():
    args = parse_args()
    scenarios = list(SCENARIOS) if not args.only else ["minimal", *args.only.split(",")]
    if "signed_in_lesson" in scenarios:
        scenarios.append("earlier_learners")
    args.scenarios = scenarios
    unknown = set(scenarios) - set(SCENARIOS)
    if unknown:
        raise SystemExit(f"unknown scenarios: {', '.join(sorted(unknown))}; choose from {', '.join(SCENARIOS)}")
    if "quiz" not in scenarios:
        args.attempts = 0
    env = server_environment(args.port)
    os.environ.update(
        {key: env[key] for key in ("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "ALLOWED_HOSTS", "TRUSTED_PROXY_COUNT")}
    )
    ensure_wrk()
    import _bootstrap

    _bootstrap.setup()
    from django.conf import settings

    from quizzes.models import QuizAttempt

    print(f"database: {_bootstrap.database_label()}")
    print(
        f"cache: {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}; sessions: {settings.SESSION_ENGINE.rsplit('.', 1)[-1]}"
    )
    if not os.environ.get("REDIS_URL"):
        print("note: no REDIS_URL: the cache and the rate limits live in the database (production without Redis)")
        subprocess.run([sys.executable, "manage.py", "createcachetable"], env=env, check=True, cwd=REPO)
    seed(args, env)
    from django.core.cache import cache
    from django.db import connections

    connections.close_all()  # the seeder wrote in another process: read afresh
    # The seeder writes rows in bulk, past the signals that make the cache
    # forget a learner: start from an empty cache, as a fresh deployment does.
    cache.clear()

    rng = random.Random(20261123)
    directory = tempfile.mkdtemp(prefix="celik-load-")
    files, prepared, lessons, sessions = prepare(args, directory, rng)
    server = start_server(args, env, directory)
    url = f"http://127.0.0.1:{args.port}"
    results = {}
    try:
        warm_and_check(args.port, lessons, sessions, anonymous_lesson=not args.only or "anonymous_lesson" in args.only)
        print(
            f"\nload: wrk, {args.connections} connections, {args.wrk_threads} threads, {args.duration} s per scenario; "
            f"server: gunicorn, {args.workers} workers x {args.threads} threads; {os.cpu_count()} CPUs shared by all\n",
            flush=True,
        )
        for name, label in SCENARIOS.items():
            if name not in scenarios:
                continue
            if name in FIRST_VISITS_TOO:
                # Before any copy is made: every request renders, as for the
                # first learners to arrive with each pattern of done steps.
                results[f"{name}_first"] = figures = run_wrk(args, url, files[name])
                figures["label"] = f"{label}, first"
                print_figures(figures)
            if name in STEADY_STATE:
                # Steady state, as for the anonymous lesson: every page the
                # measured learners ask for has been made once already.
                started = time.perf_counter()
                hits = fetch_each_once(args.port, files[name])
                print(
                    f"  (warm-up: each of the {len(files[name].lines):,} signed-in requests sent once in "
                    f"{time.perf_counter() - started:.0f} s; {hits:,} were already kept copies)",
                    flush=True,
                )
            results[name] = figures = run_wrk(args, url, files[name])
            figures["label"] = label
            print_figures(figures)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)

    submitted = QuizAttempt.objects.filter(pk__in=prepared, submitted_at__isnull=False).count()
    floor = results["minimal"]["rps"]
    print("\nscenario                           req/s   p50 ms   p95 ms  errors  x minimal")
    for figures in results.values():
        print(
            f"{figures['label']:32} {figures['rps']:8.1f} {figures['p50_us'] / 1000:8.1f} {figures['p95_us'] / 1000:8.1f} "
            f"{figures['errors']:7d} {figures['rps'] / floor:9.2f}"
        )

    checks = [("no errors under load", all(figures["errors"] == 0 for figures in results.values()))]
    if "anonymous_lesson" in results:
        checks.append(("anonymous lesson >= 1/2 of the minimal view", results["anonymous_lesson"]["rps"] >= floor / 2))
    for name in SIGNED_IN_TARGETS:
        if name in results:
            checks.append((f"{SCENARIOS[name]} >= 1/4 of the minimal view", results[name]["rps"] >= floor / 4))
    if "quiz" in results:
        quiz_requests = results["quiz"]["requests"]
        print(
            f"\nquiz submissions: {submitted:,} of the {len(prepared):,} prepared attempts were submitted"
            + (
                f"; {quiz_requests - submitted:,} requests replayed an already-submitted attempt (use --attempts)"
                if quiz_requests > submitted
                else ""
            )
        )
        checks.append(("every quiz submission recorded", submitted >= min(quiz_requests, len(prepared))))
    print()
    for label, ok in checks:
        print(f"{'MET ' if ok else 'MISSED'}  {label}")
    if args.json:
        Path(args.json).write_text(
            json.dumps({"results": results, "submitted": submitted, "checks": dict(checks)}, indent=2)
        )
    shutil.rmtree(directory, ignore_errors=True)
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
