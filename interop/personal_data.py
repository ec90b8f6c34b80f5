"""What interop holds about a learner, for export and erasure (registered
with the celik_personal_data hook in wagtail_hooks.py)."""

from . import xapi
from .models import LtiAccount, XapiStatement


def export(user):
    return {
        "school_platform_accounts": [
            {"platform": account.issuer, "linked_at": account.created_at.isoformat()}
            for account in LtiAccount.objects.filter(user=user).order_by("created_at")
        ],
        "learning_record_statements": [
            {
                "verb": row.statement.get("verb", {}).get("id"),
                "activity": row.statement.get("object", {}).get("id"),
                "timestamp": row.statement.get("timestamp"),
                "sent_at": row.sent_at.isoformat() if row.sent_at else None,
            }
            for row in XapiStatement.objects.filter(user=user).order_by("created_at")
        ],
    }


def erase(user, erased_learner):
    """Unsent xAPI statements are deleted (nothing more goes to the LRS for
    this learner), and the links to school platform accounts."""
    xapi.forget_learner(user)
    LtiAccount.objects.filter(user=user).delete()
