"""Page-type rules and teaching blocks as an educator and a learner meet them."""

import json

import pytest
from wagtail.blocks import StructBlockValidationError

from cms.models import HomePage
from courses.blocks import ImageBlock, RealOrFakeBlock, VideoBlock, youtube_or_vimeo_embed_url
from courses.models import CourseIndexPage, CoursePage, LessonPage

pytestmark = pytest.mark.django_db


def test_strict_parent_child_rules(home, catalogue, course):
    course_page, lessons = course
    assert CourseIndexPage.can_create_at(home) is False  # one catalogue per home page, already there
    assert CoursePage.can_create_at(catalogue)
    assert not CoursePage.can_create_at(home)
    assert LessonPage.can_create_at(course_page)
    assert not LessonPage.can_create_at(catalogue)
    assert not LessonPage.can_create_at(home)
    assert LessonPage.allowed_subpage_models() == []
    assert HomePage.allowed_subpage_models() == [CourseIndexPage]


def test_image_block_requires_alt_text(home):
    with pytest.raises(StructBlockValidationError) as error:
        ImageBlock().clean({"image": None, "alt_text": "", "caption": ""})
    assert "alt_text" in error.value.block_errors


@pytest.mark.parametrize(
    "url, expected",
    [
        ("https://www.youtube.com/watch?v=abc123XYZ_-", "https://www.youtube-nocookie.com/embed/abc123XYZ_-"),
        ("https://youtu.be/abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://evil.example/watch?v=abc", None),
        ("https://www.youtube.com/watch?v=<script>", None),
    ],
)
def test_video_addresses(url, expected):
    assert youtube_or_vimeo_embed_url(url) == expected


def test_video_block_rejects_other_sites():
    with pytest.raises(StructBlockValidationError):
        VideoBlock().clean({"url": "https://evil.example/video", "title": "x", "transcript": ""})


def test_real_or_fake_needs_text_or_image():
    block = RealOrFakeBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(
            block.to_python(
                {
                    "prompt": "Real?",
                    "example_kind": "sms",
                    "source_label": "",
                    "example_text": "",
                    "image": None,
                    "image_alt_text": "",
                    "verdict": "scam",
                    "explanation": "<p>Because.</p>",
                }
            )
        )
    assert "example_text" in error.value.block_errors


def test_lesson_renders_every_teaching_block_and_reveal_works_without_javascript(client, course):
    course_page, lessons = course
    lesson = lessons[0]
    lesson.body = json.dumps(
        [
            {"type": "heading", "value": "Spot the signs"},
            {"type": "paragraph", "value": "<p>Read <b>slowly</b>.</p>"},
            {
                "type": "video",
                "value": {"url": "https://youtu.be/abc123", "title": "How to check", "transcript": "Hello"},
            },
            {
                "type": "callout",
                "value": {"kind": "warning", "title": "Never share your OTP", "text": "<p>Not even with the bank.</p>"},
            },
            {
                "type": "real_or_fake",
                "value": {
                    "prompt": "Is this message real?",
                    "example_kind": "sms",
                    "source_label": "From: BANK-TERATAI",
                    "example_text": "Your account is locked. Click http://bank-teratai.top",
                    "image": None,
                    "image_alt_text": "",
                    "verdict": "scam",
                    "explanation": "<p>Banks never send login links.</p>",
                },
            },
            {"type": "key_takeaways", "value": {"items": ["Pause before you click."]}},
            {
                "type": "checklist",
                "value": {"title": "Before you click", "items": ["Check the sender", "Call the bank"]},
            },
        ]
    )
    lesson.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert "<h2>Spot the signs</h2>" in html
    assert "<b>slowly</b>" in html
    assert "youtube-nocookie.com/embed/abc123" in html and "<details" in html
    assert "Never share your OTP" in html and "callout-warning" in html
    assert "Pause before you click." in html
    assert "Check the sender" in html
    # The verdict sits inside a <details> element: hidden until the learner opens it, no script needed.
    reveal = html[html.index('<details class="rof-reveal">') :]
    reveal = reveal[: reveal.index("</details>")]
    assert "Scam" in reveal and "Banks never send login links." in reveal
    assert "<script" not in html.split('<main id="main"')[1].split("</main>")[0]
