"""Certificate codes and finding a certificate by its code. Reads only the
certificate records, so any page or view may use it.

A certificate's code is 25 characters from a 32-letter alphabet without
look-alikes (0/O, 1/I): 125 random bits. Nobody can guess or enumerate one,
and the verification page is rate-limited besides. People read codes off
paper, so lookups forgive case, spaces and dashes.
"""

from __future__ import annotations

import secrets

from ..models.records import Certificate

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
CODE_LENGTH = 25
CODE_GROUP = 5


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(text) -> str | None:
    """The code as stored, from what a person typed or scanned ("k7qxm-…"),
    or None when it cannot be a code at all."""
    code = "".join(str(text or "").split()).replace("-", "").upper()
    if len(code) != CODE_LENGTH or any(character not in CODE_ALPHABET for character in code):
        return None
    return code


def display_code(code) -> str:
    """The code in groups of five, as printed: K7QXM-2HD9P-…"""
    return "-".join(code[i : i + CODE_GROUP] for i in range(0, len(code), CODE_GROUP))


def certificate_by_code(text) -> Certificate | None:
    """The certificate a typed or scanned code belongs to, or None."""
    code = normalise_code(text)
    if code is None:
        return None
    return Certificate.objects.filter(code=code).first()


def own_certificate(user, text) -> Certificate | None:
    """One of `user`'s own certificates by code; None for anybody else's, so a
    learner can never open another learner's certificate."""
    code = normalise_code(text)
    if code is None or not user.is_authenticated:
        return None
    return Certificate.objects.filter(user=user, code=code).first()


def certificate_codes_by_course(user) -> dict:
    """{course_key: code} of the learner's certificates, in one query."""
    return dict(Certificate.objects.filter(user=user).values_list("course_key", "code"))
