"""What the accounts app adds to Wagtail: the names of its audit log actions
(the admin's Reports > Site history lists them)."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from .guardians import CONSENT_GIVEN, CONSENT_ON_PAPER, CONSENT_REQUESTED, CONSENT_WITHDRAWN
from .personal_data import ERASE


@hooks.register("register_log_actions")
def account_actions(actions):
    actions.register_action(ERASE, _("Erase account"), _("Account and personal data erased"))
    actions.register_action(CONSENT_REQUESTED, _("Ask for guardian consent"), _("Guardian consent email sent"))
    actions.register_action(CONSENT_GIVEN, _("Give guardian consent"), _("Guardian consent given"))
    actions.register_action(CONSENT_WITHDRAWN, _("Withdraw guardian consent"), _("Guardian consent withdrawn"))
    actions.register_action(
        CONSENT_ON_PAPER, _("Record a paper consent form"), _("Guardian consent given on a paper form")
    )
