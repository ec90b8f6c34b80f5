"""Assisted accounts: learners without an email address (older adults,
children), added by a facilitator and signing in with a printed card.

The learner may later add an email (allauth's email page) or choose their
own password: from then on the account is theirs (`mark_owned`, on allauth's
signals), the card's passphrase is forgotten and the facilitator can no
longer reset it. A child still needs a guardian's consent; a facilitator may
record a paper form (accounts.guardians.record_paper_consent). Until then the
child's certificate shows no name, as for any child.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.guardians import awaiting_consent, needs_guardian_consent, record_paper_consent
from accounts.mfa import decrypt_secret, encrypt_secret
from accounts.models import AgeBand, LearnerProfile

from .codes import new_passphrase, new_username_stem, normalise_passphrase
from .models import AssistedAccount, Membership

ADDED = "classes.assisted_added"
RESET = "classes.passphrase_reset"

MAX_LEARNERS_AT_ONCE = 200
MAX_NAME_LENGTH = 60


class BadLearnerList(ValueError):
    """The names typed or the CSV file cannot be read; the message says why."""


@dataclass(frozen=True)
class NewLearner:
    name: str
    age_band: str | None = None  # None: the form's age group


@dataclass(frozen=True)
class Card:
    learner_id: int
    name: str
    username: str
    passphrase: str


def parse_names(text: str) -> list[NewLearner]:
    """One name a line (blank lines skipped)."""
    names = [line.strip() for line in (text or "").splitlines() if line.strip()]
    return _checked([NewLearner(name) for name in names])


def parse_csv(data: bytes) -> list[NewLearner]:
    """A spreadsheet saved as CSV: a name in the first column and, if given,
    an age group in the second (u13, 13-17, 18-24, 25-59, 60+). A first row
    whose first cell is "name" is a heading."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise BadLearnerList(_("The file is not a CSV file in UTF-8. Save the spreadsheet as “CSV UTF-8”.")) from error
    valid_bands = {value for value, _label in AgeBand.choices}
    learners = []
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise BadLearnerList(_("The file is not a CSV file in UTF-8. Save the spreadsheet as “CSV UTF-8”.")) from error
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not cells or not cells[0]:
            continue
        if number == 1 and cells[0].lower() == "name":
            continue
        band = cells[1] if len(cells) > 1 and cells[1] else None
        if band is not None and band not in valid_bands:
            raise BadLearnerList(
                _("Row %(row)s: “%(value)s” is not an age group (use one of: %(groups)s).")
                % {"row": number, "value": band, "groups": ", ".join(sorted(valid_bands))}
            )
        learners.append(NewLearner(cells[0], band))
    return _checked(learners)


def _checked(learners):
    if not learners:
        raise BadLearnerList(_("Give at least one name."))
    if len(learners) > MAX_LEARNERS_AT_ONCE:
        raise BadLearnerList(_("Add at most %(count)s learners at a time.") % {"count": MAX_LEARNERS_AT_ONCE})
    for learner in learners:
        if len(learner.name) > MAX_NAME_LENGTH:
            raise BadLearnerList(
                _("“%(name)s…” is longer than %(count)s characters.")
                % {"name": learner.name[:20], "count": MAX_NAME_LENGTH}
            )
    return learners


def _new_user():
    User = get_user_model()
    for _attempt in range(20):
        username = new_username_stem()
        if User.objects.filter(username__iexact=username).exists():
            continue
        try:
            with transaction.atomic():
                return User.objects.create(username=username, email="")
        except IntegrityError:
            continue
    raise RuntimeError("No free username")


def add_learners(klass, learners: list[NewLearner], *, by, country, age_band, language) -> list[Card]:
    """Makes an account for each learner, in the class, and returns their
    cards. The audit record lists account numbers, not names."""
    cards = []
    with transaction.atomic():
        for learner in learners:
            user = _new_user()
            passphrase = new_passphrase()
            user.set_password(passphrase)
            user.save(update_fields=["password"])
            LearnerProfile.objects.create(
                user=user,
                display_name=learner.name,
                country=country,
                age_band=learner.age_band or age_band,
                preferred_language=language,
            )
            AssistedAccount.objects.create(user=user, created_by=by, passphrase=encrypt_secret(passphrase))
            Membership.objects.create(klass=klass, learner=user)
            cards.append(Card(user.pk, learner.name, user.username, passphrase))
        log(klass, ADDED, user=by, data={"class": klass.pk, "accounts": [card.learner_id for card in cards]})
    return cards


def cards_for(klass) -> list[Card]:
    """A card for every learner of the class whose account is still assisted
    (not yet their own), in name order. Three queries, whatever the class size."""
    accounts = (
        AssistedAccount.objects.filter(user__class_memberships__klass=klass, owned_at__isnull=True)
        .exclude(passphrase="")
        .select_related("user__profile")
    )
    cards = [
        Card(
            account.user_id,
            account.user.profile.display_name if hasattr(account.user, "profile") else account.user.username,
            account.user.username,
            decrypt_secret(account.passphrase),
        )
        for account in accounts
    ]
    return sorted(cards, key=lambda card: card.name.casefold())


class NotAssisted(ValueError):
    pass


def reset_passphrase(klass, learner, *, by) -> Card:
    """A new passphrase for a learner who lost their card. Refused once the
    account is the learner's own."""
    account = AssistedAccount.objects.filter(user=learner, owned_at__isnull=True).first()
    if account is None:
        raise NotAssisted(_("This learner's account is their own: they reset their password themselves."))
    passphrase = new_passphrase()
    with transaction.atomic():
        learner.set_password(passphrase)
        learner.save(update_fields=["password"])
        account.passphrase = encrypt_secret(passphrase)
        account.save(update_fields=["passphrase"])
        log(klass, RESET, user=by, data={"class": klass.pk, "account": learner.pk})
    name = learner.profile.display_name if hasattr(learner, "profile") else learner.username
    return Card(learner.pk, name, learner.username, passphrase)


def mark_owned(user):
    """The learner added an email or chose a password: the account is theirs."""
    AssistedAccount.objects.filter(user=user, owned_at__isnull=True).update(owned_at=timezone.now(), passphrase="")


def on_email_added(sender, request=None, email_address=None, **kwargs):
    if email_address is not None and email_address.verified:
        mark_owned(email_address.user)


def on_password_changed(sender, request=None, user=None, **kwargs):
    if user is not None:
        mark_owned(user)


def sign_in_check(username, passphrase):
    """The assisted account the card names, if the passphrase is right."""
    user = (
        get_user_model()
        .objects.filter(username__iexact=(username or "").strip(), assisted_account__isnull=False, is_active=True)
        .first()
    )
    if user is None:
        get_user_model()().set_password(passphrase or "")  # the same time whether or not the name exists
        return None
    candidates = {normalise_passphrase(passphrase), (passphrase or "").strip()}
    return user if any(user.check_password(candidate) for candidate in candidates if candidate) else None


def needs_consent(learner) -> bool:
    profile = getattr(learner, "profile", None)
    return profile is not None and needs_guardian_consent(profile.country, profile.age_band)


def record_consent(klass, learner, *, by):
    """The facilitator received the child's paper consent form."""
    return record_paper_consent(learner, recorded_by=by)


def awaiting(learner) -> bool:
    return awaiting_consent(learner)
