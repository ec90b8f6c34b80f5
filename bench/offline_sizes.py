"""What learning offline costs a phone: prints the bytes the service worker and
its registration add to a first visit (raw, gzip and Brotli, as WhiteNoise
serves them; the budget is 15 KB), and what each demo course takes on the
phone when saved, in each language it exists in.

    python bench/offline_sizes.py            # on the `make run` database (demo loaded)
"""

import gzip
import sys
from pathlib import Path

import _bootstrap

BUDGET = 15 * 1024


def compressed(data: bytes) -> tuple[int, int, int]:
    import brotli

    return len(data), len(gzip.compress(data, 9)), len(brotli.compress(data))


def main():
    _bootstrap.setup()
    from django.contrib.staticfiles import finders
    from django.db import transaction
    from django.test import Client, RequestFactory
    from django.utils import translation

    from accounts.models import User
    from cms.offline import course_bundle
    from courses.models import CoursePage

    print(f"Database: {_bootstrap.database_label()}\n")
    client = Client(HTTP_HOST="localhost")
    first_visit = {
        "js/offline.js (the registration, on every page)": Path(finders.find("js/offline.js")).read_bytes(),
        "/sw.js (the service worker)": client.get("/sw.js").content,
        "/offline/ (fetched once by the worker)": client.get("/offline/", HTTP_ACCEPT_LANGUAGE="en").content,
    }
    print(f"{'added to a first visit':55} {'raw':>8} {'gzip':>8} {'brotli':>8}")
    totals = [0, 0, 0]
    for name, data in first_visit.items():
        sizes = compressed(data)
        totals = [t + s for t, s in zip(totals, sizes, strict=True)]
        print(f"{name:55} {sizes[0]:>8,} {sizes[1]:>8,} {sizes[2]:>8,}")
    print(f"{'in all':55} {totals[0]:>8,} {totals[1]:>8,} {totals[2]:>8,}")
    print(f"budget 15 KB on the wire: {'met' if totals[1] <= BUDGET else 'NOT MET'} ({totals[1] / 1024:.1f} KB gzip)\n")

    courses = list(
        CoursePage.objects.live().select_related("locale").order_by("translation_key", "locale__language_code")
    )
    if not courses:
        print("No demo course in this database: run `make run` (or manage.py load_demo) first.")
        return 0
    print(f"{'saved course':45} {'language':>8} {'files':>6} {'on the phone':>14}")
    factory = RequestFactory()
    with transaction.atomic():
        learner = User.objects.create_user("offline-bench", "offline-bench@example.com", "x")
        for course in courses:
            language = course.locale.language_code
            with translation.override(language):
                request = factory.get(f"/{language}/learn/courses/{course.pk}/offline.json", HTTP_HOST="localhost")
                request.user = learner
                request.session = {}
                files = course_bundle(course, request)
            size = sum(item.bytes for item in files)
            print(f"{course.slug[:45]:45} {language:>8} {len(files):>6} {size / 1024:>11,.0f} KB")
        transaction.set_rollback(True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
