"""Burmese is stored and served as Unicode, never Zawgyi.

Zawgyi is a font-hack encoding still common on phones in Myanmar: text typed
in it looks right only with the Zawgyi font and turns to nonsense everywhere
else (screen readers, search, the site's own Noto font). A page saved in the
Burmese locale is checked with Google's Zawgyi detector (myanmartools), both
from the page editor and from wagtail-localize's translation editor, which
both go through Page.full_clean().
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from myanmartools import ZawgyiDetector
from wagtail.fields import StreamField

BURMESE = "my"
# The detector gives a probability; Unicode Burmese scores near 0, Zawgyi near 1.
ZAWGYI_THRESHOLD = 0.95
_detector = ZawgyiDetector()


def looks_like_zawgyi(text: str) -> bool:
    """True when *text* holds Burmese letters typed in the Zawgyi encoding."""
    if not any("\u1000" <= char <= "\u109f" for char in text):
        return False
    return _detector.get_zawgyi_probability(text) > ZAWGYI_THRESHOLD


def page_texts(page):
    """Every text a page stores, one by one, StreamField blocks included
    (each text is judged on its own: one Zawgyi paragraph among Unicode ones
    must not hide in the average)."""
    for field in page._meta.concrete_fields:
        value = field.value_from_object(page)
        if isinstance(field, StreamField):
            yield from _strings_in(field.get_prep_value(value))
        elif isinstance(field, (models.CharField, models.TextField)) and value:
            yield str(value)


def _strings_in(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for item in data.values():
            yield from _strings_in(item)
    elif isinstance(data, (list, tuple)):
        for item in data:
            yield from _strings_in(item)


class UnicodeBurmeseMixin:
    """For Wagtail pages: refuse to save Burmese content typed in Zawgyi."""

    def clean(self):
        super().clean()
        locale = self.locale if getattr(self, "locale_id", None) else None
        if (
            locale is not None
            and locale.language_code == BURMESE
            and any(looks_like_zawgyi(text) for text in page_texts(self))
        ):
            raise ValidationError(
                _(
                    "This Burmese text is typed in the Zawgyi encoding. Celik keeps Burmese in Unicode only, "
                    "so that every phone and screen reader can read it: convert the text to Unicode "
                    "(for example with a Zawgyi-to-Unicode converter) and paste it again."
                )
            )
