"""What the classes app holds about a learner, for export and erasure
(registered with the celik_personal_data hook in wagtail_hooks.py)."""

from .models import AssistedAccount, Membership


def export(user):
    data = {
        "memberships": [
            {"class": membership.klass.name, "joined_at": membership.joined_at.isoformat()}
            for membership in Membership.objects.filter(learner=user).select_related("klass").order_by("joined_at")
        ],
        "facilitates": sorted(user.facilitated_classes.values_list("name", flat=True)),
    }
    account = AssistedAccount.objects.filter(user=user).first()
    if account is not None:
        data["assisted_account"] = {
            "made_by_a_facilitator_at": account.created_at.isoformat(),
            "own_account_since": account.owned_at.isoformat() if account.owned_at else None,
        }
    return data


def erase(user, erased_learner):
    """Memberships, the assisted account and the facilitator role go; the
    classes stay for their other facilitators."""
    Membership.objects.filter(learner=user).delete()
    AssistedAccount.objects.filter(user=user).delete()
    user.facilitated_classes.clear()
