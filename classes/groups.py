"""The rules of classes: who sees which class, joining, leaving, removing.
Every class a view shows is fetched through `class_for_facilitator`, so a
facilitator reaches only their own classes (another's gives 404)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from accounts.guardians import needs_guardian_consent
from courses.progress import forget_done_steps_of

from .codes import new_join_code, normalise_join_code
from .models import Class, Membership
from .roles import is_facilitator

CREATED = "classes.class_created"
LEARNER_REMOVED = "classes.learner_removed"


def classes_of(user):
    """The classes `user` facilitates (none without the role)."""
    if not is_facilitator(user):
        return Class.objects.none()
    return Class.objects.filter(facilitators=user)


def class_for_facilitator(user, class_id) -> Class:
    """The class, if `user` facilitates it; otherwise 404, the same answer as
    for a class that does not exist (so ids reveal nothing)."""
    klass = classes_of(user).filter(pk=class_id).first()
    if klass is None:
        raise Http404(_("No such class among yours."))
    return klass


def create_class(user, name, course_keys) -> Class:
    """A new class with a fresh join code, facilitated by `user`."""
    for _attempt in range(10):
        try:
            with transaction.atomic():
                klass = Class.objects.create(
                    name=name, course_keys=[str(key) for key in course_keys], join_code=new_join_code(), created_by=user
                )
                klass.facilitators.add(user)
                log(klass, CREATED, user=user, data={"class": klass.pk})
                return klass
        except IntegrityError:  # the code was taken: draw another
            continue
    raise RuntimeError("Could not draw a free join code")


def class_for_code(code) -> Class | None:
    code = normalise_join_code(code)
    if not code:
        return None
    return Class.objects.filter(join_code=code).first()


def join(learner, klass) -> bool:
    """Adds the learner to the class; joining twice is a no-op (False)."""
    _membership, created = Membership.objects.get_or_create(klass=klass, learner=learner)
    return created


def leave(learner, klass) -> bool:
    return Membership.objects.filter(klass=klass, learner=learner).delete()[0] > 0


def remove_learner(klass, learner_id, *, by) -> bool:
    """A facilitator takes a learner out of the class (the learner's account
    and progress stay theirs). Recorded under account numbers only."""
    deleted = Membership.objects.filter(klass=klass, learner_id=learner_id).delete()[0] > 0
    if deleted:
        log(klass, LEARNER_REMOVED, user=by, data={"class": klass.pk, "learner": learner_id})
    return deleted


def member_or_404(klass, learner_id):
    """The class's learner with this id (as typed in a form), or 404."""
    try:
        learner_id = int(learner_id)
    except (TypeError, ValueError):
        raise Http404(_("This learner is not in this class.")) from None
    membership = Membership.objects.filter(klass=klass, learner_id=learner_id).select_related("learner").first()
    if membership is None:
        raise Http404(_("This learner is not in this class."))
    return membership.learner


def memberships_of(learner):
    return Membership.objects.filter(learner=learner).select_related("klass").order_by("klass__name")


@dataclass(frozen=True)
class Member:
    learner_id: int
    name: str
    username: str
    assisted: bool  # signs in with a card the facilitator prints
    owned: bool  # an assisted account the learner has made their own
    needs_consent: bool
    consent_given: bool

    @property
    def awaiting_consent(self):
        return self.needs_consent and not self.consent_given


def members_with_status(klass) -> list[Member]:
    """The class's learners with what the facilitator needs to know, in name
    order. One query, whatever the class size."""
    memberships = Membership.objects.filter(klass=klass).select_related(
        "learner__profile", "learner__assisted_account", "learner__guardian_consent"
    )
    members = []
    for membership in memberships:
        learner = membership.learner
        profile = getattr(learner, "profile", None)
        account = getattr(learner, "assisted_account", None)
        consent = getattr(learner, "guardian_consent", None)
        members.append(
            Member(
                learner_id=learner.pk,
                name=profile.display_name if profile else learner.get_username(),
                username=learner.username if account is not None else "",
                assisted=account is not None,
                owned=account is not None and account.is_owned,
                needs_consent=profile is not None and needs_guardian_consent(profile.country, profile.age_band),
                consent_given=consent is not None and consent.given_at is not None,
            )
        )
    return sorted(members, key=lambda member: member.name.casefold())


def forget_cached_my_learning(sender, instance, **kwargs):
    """Membership saved or deleted: the learner's kept copy of My learning
    (which lists their classes) is stale."""
    forget_done_steps_of(instance.learner_id)
