"""Teaching blocks an educator assembles a lesson from.

Every block renders to plain HTML that works without JavaScript: the
"real or fake?" card reveals its answer with <details>, and videos load only
when the learner asks (a slow connection should not pay for a player it may
never start)."""

from urllib.parse import parse_qs, urlparse

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        label = _("Heading")
        icon = "title"
        template = "courses/blocks/heading.html"
        form_classname = "title"


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=250,
        help_text=_("Describe the image for learners who cannot see it. Required."),
    )
    caption = blocks.CharBlock(
        required=False, max_length=250, default="", label=_("Caption"), help_text=_("Shown under the image.")
    )

    class Meta:
        label = _("Image")
        icon = "image"
        template = "courses/blocks/image.html"


def youtube_or_vimeo_embed_url(url):
    """Turns a YouTube or Vimeo page address into its privacy-friendly embed
    address, or returns None for any other site. Done by hand rather than with
    oEmbed so that saving a lesson never needs a network call."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    if host == "youtu.be":
        video_id = parsed.path.lstrip("/")
    elif host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path.startswith(("/embed/", "/shorts/")):
            video_id = parsed.path.split("/")[2]
        else:
            video_id = parse_qs(parsed.query).get("v", [""])[0]
    elif host == "vimeo.com":
        video_id = parsed.path.strip("/").split("/")[0]
        return f"https://player.vimeo.com/video/{video_id}" if video_id.isdigit() else None
    else:
        return None
    if not video_id or not all(ch.isalnum() or ch in "-_" for ch in video_id):
        return None
    return f"https://www.youtube-nocookie.com/embed/{video_id}"


class VideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo link."))
    title = blocks.CharBlock(max_length=200, label=_("Video title"))
    transcript = blocks.TextBlock(
        required=False,
        default="",
        label=_("Transcript"),
        help_text=_("A transcript helps learners who cannot play sound or video."),
    )

    def clean(self, value):
        value = super().clean(value)
        if youtube_or_vimeo_embed_url(value["url"]) is None:
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError(_("Use a YouTube or Vimeo video address."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed_url"] = youtube_or_vimeo_embed_url(value["url"])
        return context

    class Meta:
        label = _("Video")
        icon = "media"
        template = "courses/blocks/video.html"


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(choices=[("tip", _("Tip")), ("warning", _("Warning"))], default="tip", label=_("Kind"))
    title = blocks.CharBlock(max_length=120, label=_("Callout title"))
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Callout text"))

    class Meta:
        label = _("Callout")
        icon = "help"
        template = "courses/blocks/callout.html"


EXAMPLE_KINDS = [
    ("social_post", _("Social media post")),
    ("sms", _("Text message")),
    ("email", _("Email")),
    ("image", _("Image")),
    ("voice_note", _("Voice note transcript")),
    ("website", _("Website")),
]
VERDICTS = [
    ("genuine", _("Genuine")),
    ("fake", _("False")),
    ("ai_generated", _("AI-generated")),
    ("manipulated", _("Manipulated")),
    ("scam", _("Scam")),
]


def check_example(value):
    """A real-or-fake example (in a lesson or a quiz) needs text, an image or
    both, and an image needs its alternative text."""
    errors = {}
    if not value.get("example_text") and not value.get("image"):
        errors["example_text"] = ValidationError(_("Give the example as text, an image, or both."))
    if value.get("image") and not value.get("image_alt_text"):
        errors["image_alt_text"] = ValidationError(_("Describe the image for learners who cannot see it."))
    if errors:
        raise blocks.StructBlockValidationError(block_errors=errors)
    return value


class RealOrFakeBlock(blocks.StructBlock):
    """An example the learner judges before revealing the verdict."""

    prompt = blocks.CharBlock(max_length=200, default=_("Real or fake?"), label=_("Prompt"))
    example_kind = blocks.ChoiceBlock(choices=EXAMPLE_KINDS, default="social_post", label=_("Kind of example"))
    source_label = blocks.CharBlock(
        required=False, max_length=200, default="", label=_("Source"), help_text=_("Who posted or sent it.")
    )
    example_text = blocks.TextBlock(
        required=False, default="", label=_("Example text"), help_text=_("The message, post or caption to judge.")
    )
    image = ImageChooserBlock(required=False, label=_("Example image"))
    image_alt_text = blocks.CharBlock(required=False, max_length=250, default="", label=_("Image alternative text"))
    verdict = blocks.ChoiceBlock(choices=VERDICTS, label=_("Verdict"))
    explanation = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Explanation"), help_text=_("Shown once the learner reveals the verdict.")
    )

    def clean(self, value):
        return check_example(super().clean(value))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["kind_label"] = dict(EXAMPLE_KINDS).get(value["example_kind"], "")
        context["verdict_label"] = dict(VERDICTS).get(value["verdict"], "")
        return context

    class Meta:
        label = _("Real or fake")
        icon = "view"
        template = "courses/blocks/real_or_fake.html"


class KeyTakeawaysBlock(blocks.StructBlock):
    items = blocks.ListBlock(blocks.CharBlock(max_length=300, label=_("Takeaway")), min_num=1, label=_("Takeaways"))

    class Meta:
        label = _("Key takeaways")
        icon = "list-ul"
        template = "courses/blocks/key_takeaways.html"


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120, label=_("Checklist title"))
    items = blocks.ListBlock(
        blocks.CharBlock(max_length=300, label=_("Thing to check")), min_num=1, label=_("Things to check")
    )

    class Meta:
        label = _("Checklist")
        icon = "tasks"
        template = "courses/blocks/checklist.html"


class ReportingChannelsBlock(blocks.StructBlock):
    """Where to report online harm: each learner sees the official channels
    of their own country (Snippets > Reporting channels; courses/reporting.py),
    or every country's with a notice when their country is not known."""

    heading = blocks.CharBlock(max_length=120, label=_("Heading"))
    intro = blocks.RichTextBlock(
        required=False,
        features=RICH_TEXT_FEATURES,
        label=_("Introduction"),
        help_text=_("Optional: a sentence or two before the list."),
    )

    class Meta:
        icon = "warning"
        template = "courses/blocks/reporting_channels.html"
        label = _("Where to report (per country)")
        help_text = _("Lists the reporting channels of the learner's country, kept in Snippets > Reporting channels.")


class TeachingBlocks(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, template="courses/blocks/paragraph.html", label=_("Paragraph")
    )
    image = ImageBlock()
    video = VideoBlock()
    callout = CalloutBlock()
    real_or_fake = RealOrFakeBlock()
    key_takeaways = KeyTakeawaysBlock()
    checklist = ChecklistBlock()
    reporting_channels = ReportingChannelsBlock()
