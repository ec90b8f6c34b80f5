"""A translator's unfinished or broken PO file costs that language its
course, never the demo: the loader reports it and loads everything else."""

import shutil

import polib
import pytest

from cms.demo import DemoLoader
from cms.demo_bundles import CONTENT_DIR
from cms.models import HomePage
from courses.models import CoursePage

pytestmark = pytest.mark.django_db

COURSE = "stay-safe-from-online-scams"


@pytest.fixture
def content(tmp_path):
    """The demo's data with only Malay for the site, and the scams course
    with an unfinished Vietnamese file and a Malay one with a broken tag."""
    shutil.copytree(CONTENT_DIR / "site", tmp_path / "site")
    for po in (tmp_path / "site").glob("*.po"):
        if po.stem != "ms":
            po.unlink()
    shutil.copytree(CONTENT_DIR / "courses" / COURSE, tmp_path / "courses" / COURSE)
    vi = polib.pofile(str(tmp_path / "courses" / COURSE / "vi.po"))
    vi[3].msgstr = ""
    vi.save()
    ms = polib.pofile(str(tmp_path / "courses" / COURSE / "ms.po"))
    ms[5].msgstr = "<p>Teks yang salah</p>"
    ms.save()
    return tmp_path


def test_an_unfinished_or_broken_language_is_reported_and_skipped(content):
    report = DemoLoader(content_dir=content).run(with_admin=False)
    languages = set(CoursePage.objects.filter(slug=COURSE).values_list("locale__language_code", flat=True))
    assert languages == {"en"}
    skipped = "\n".join(report.skipped)
    assert f"{COURSE} in vi: 1 of 202 texts not translated yet in courses/{COURSE}/vi.po" in skipped
    assert f"{COURSE} in ms: " in skipped and "tag is not allowed" in skipped
    # The rest loaded: the site in English and Malay.
    assert CoursePage.objects.get(slug=COURSE, locale__language_code="en").live
    assert set(HomePage.objects.values_list("locale__language_code", flat=True)) == {"en", "ms"}
