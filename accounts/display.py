"""Display options for older eyes and tired ones: text size, high contrast
and reduced motion, offered on every page.

A guest's choice is kept in a cookie on their device. A learner's is kept in
their profile, so it follows them to every device they sign in on, and in
the cookie too, so the sign-in page and the pages after signing out look the
way they chose. Pages read the options as classes on <html> (site.css)."""

from dataclasses import asdict, dataclass, fields

from .models import TextSize

COOKIE_NAME = "celik_display"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60  # a year: nobody should have to choose twice


@dataclass(frozen=True)
class DisplayOptions:
    text_size: str = TextSize.NORMAL
    high_contrast: bool = False
    reduce_motion: bool = False

    @property
    def html_classes(self):
        """The classes site.css styles on <html>; none for the defaults."""
        classes = []
        if self.text_size != TextSize.NORMAL:
            classes.append(f"text-{self.text_size}")
        if self.high_contrast:
            classes.append("high-contrast")
        if self.reduce_motion:
            classes.append("reduce-motion")
        return " ".join(classes)

    def as_cookie(self):
        return f"{self.text_size}.{int(self.high_contrast)}.{int(self.reduce_motion)}"

    @classmethod
    def from_cookie(cls, value):
        """Reads a cookie written by as_cookie(). Anything else (an old or
        edited cookie) gives the defaults: a cookie can never break a page."""
        parts = (value or "").split(".")
        if len(parts) != 3 or parts[0] not in TextSize.values or parts[1] not in "01" or parts[2] not in "01":
            return cls()
        return cls(text_size=parts[0], high_contrast=parts[1] == "1", reduce_motion=parts[2] == "1")

    @classmethod
    def of_profile(cls, profile):
        return cls(**{field.name: getattr(profile, field.name) for field in fields(cls)})

    def copy_to(self, profile):
        for field in fields(self):
            setattr(profile, field.name, getattr(self, field.name))


def options_for(request):
    """The options that apply to this request: the signed-in learner's
    profile, else the device's cookie, else the defaults. Read once per
    request."""
    if not hasattr(request, "_display_options"):
        # Guests, staff without a profile, and a request refused before
        # signing in ran (no user at all) have none.
        profile = getattr(getattr(request, "user", None), "profile", None)
        if profile is not None:
            request._display_options = DisplayOptions.of_profile(profile)
        else:
            request._display_options = DisplayOptions.from_cookie(request.COOKIES.get(COOKIE_NAME))
    return request._display_options


def remember(request, response, options):
    """Keeps `options` for this device (cookie) and, for a learner, in their
    profile."""
    response.set_cookie(
        COOKIE_NAME, options.as_cookie(), max_age=COOKIE_MAX_AGE, samesite="Lax", secure=request.is_secure()
    )
    profile = getattr(request.user, "profile", None)  # guests, and staff without one, have none
    if profile is not None and DisplayOptions.of_profile(profile) != options:
        options.copy_to(profile)
        profile.save(update_fields=[field.name for field in fields(options)])
    request._display_options = options


def guest_choice(request):
    """What this device chose before its owner signed up, as profile fields:
    a new learner keeps the options they picked as a guest."""
    return asdict(DisplayOptions.from_cookie(request.COOKIES.get(COOKIE_NAME)))
