"""Where a form may send a visitor back to: a `next` address is untrusted
text from the browser (or from a link someone was sent), so it must be a
path on this site, written the way an HTTP header can carry it."""

import unicodedata
from urllib.parse import urlsplit

from django.utils.encoding import iri_to_uri
from django.utils.http import url_has_allowed_host_and_scheme

MAX_LENGTH = 2000


def local_path(value, request) -> str:
    """`value` as a path on this site, percent-encoded (so right-to-left or
    zero-width characters travel as plain %-escapes); "" for anything else:
    another site, a scheme, control characters (NUL, a line break), half a
    character (a lone surrogate), or an address longer than any real one."""
    if not value or len(value) > MAX_LENGTH or not value.startswith("/"):
        return ""
    if any(unicodedata.category(character) in ("Cc", "Cs") for character in value):
        return ""
    if not url_has_allowed_host_and_scheme(
        value, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return ""
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return ""
    return iri_to_uri(value)
