"""Interface strings that django-allauth and Django show learners, repeated here
so that makemessages copies them into the project's catalogues.

Why: allauth ships catalogues for only two of our ten languages (id, th) and
Django has none for Filipino, Lao or Tetum and thin ones for Khmer and Burmese.
A string in ``locale/`` (LOCALE_PATHS) takes precedence over the same msgid in
those packages' catalogues, so translating it here covers every language.

Nothing calls this module's values; the lazy calls only mark the strings. The
msgids must stay identical to upstream's; tests/cms/test_catalogues.py checks
that each one still exists in allauth's or Django's own catalogue, so an
upgrade that renames a string shows up as a failing test.

Extracted with makemessages from allauth/account/{adapter,fields,forms}.py and
allauth's account/ templates (minus what concerns phones, usernames, passkeys
and login codes, which Celik does not use), and from Django's
core/validators.py, forms/fields.py, contrib/auth/password_validation.py and
utils/dates.py (the form errors a learner can meet on our forms, the
password rules, and the day and month names that dates are written with).
"""

from django.utils.translation import gettext_lazy, ngettext_lazy, pgettext_lazy

ALLAUTH = [
    gettext_lazy("This account is currently inactive."),
    gettext_lazy("You cannot remove your primary email address."),
    gettext_lazy("This email address is already associated with this account."),
    gettext_lazy("The email address and/or password you specified are not correct."),
    gettext_lazy("A user is already registered with this email address."),
    gettext_lazy("Please type your current password."),
    gettext_lazy("Incorrect password."),
    gettext_lazy("Invalid or expired key."),
    gettext_lazy("Invalid login."),
    gettext_lazy("The password reset token was invalid."),
    gettext_lazy("You cannot add more than %d email addresses."),
    gettext_lazy("Too many failed login attempts. Try again later."),
    gettext_lazy("The email address is not assigned to any user account."),
    gettext_lazy("Your primary email address must be verified."),
    gettext_lazy("Please select only one."),
    gettext_lazy("The new value must be different from the current one."),
    gettext_lazy("Be patient, you are sending too many requests."),
    gettext_lazy("Use your password"),
    gettext_lazy("Email"),
    gettext_lazy("Email address"),
    gettext_lazy("Forgot your password?"),
    gettext_lazy("You must type the same password each time."),
    gettext_lazy("Password"),
    gettext_lazy("Remember Me"),
    pgettext_lazy("field label", "Login"),
    gettext_lazy("Email (again)"),
    gettext_lazy("Email address confirmation"),
    gettext_lazy("Email (optional)"),
    gettext_lazy("You must type the same email each time."),
    gettext_lazy("Password (again)"),
    gettext_lazy("Current Password"),
    gettext_lazy("New Password"),
    gettext_lazy("New Password (again)"),
    gettext_lazy("Account Inactive"),
    gettext_lazy("This account is inactive."),
    gettext_lazy("Confirm Access"),
    gettext_lazy("Please reauthenticate to safeguard your account."),
    gettext_lazy("Alternative options"),
    gettext_lazy("Email Addresses"),
    gettext_lazy("The following email addresses are associated with your account:"),
    gettext_lazy("Verified"),
    gettext_lazy("Unverified"),
    gettext_lazy("Primary"),
    gettext_lazy("Make Primary"),
    gettext_lazy("Re-send Verification"),
    gettext_lazy("Remove"),
    gettext_lazy("Add Email Address"),
    gettext_lazy("Add Email"),
    gettext_lazy("Do you really want to remove the selected email address?"),
    gettext_lazy(
        "You are receiving this email because you or someone else tried to signup for an\naccount using email address:\n\n%(email)s\n\nHowever, an account using that email address already exists.  In case you have\nforgotten about this, please use the password forgotten procedure to recover\nyour account:\n\n%(password_reset_url)s"
    ),
    gettext_lazy("Account Already Exists"),
    gettext_lazy("Hello from %(site_name)s!"),
    gettext_lazy("Thank you for using %(site_name)s!\n%(site_domain)s"),
    gettext_lazy("You are receiving this mail because the following change was made to your account:"),
    gettext_lazy(
        "If you do not recognize this change then please take proper security precautions immediately. The change to your account originates from:\n\n- IP address: %(ip)s\n- Browser: %(user_agent)s\n- Date: %(timestamp)s"
    ),
    gettext_lazy("Your email has been changed from %(from_email)s to %(to_email)s."),
    gettext_lazy("Email Changed"),
    gettext_lazy("Your email has been confirmed."),
    gettext_lazy("Email Confirmation"),
    gettext_lazy(
        "You're receiving this email because user %(user_display)s has given your email address to register an account on %(site_domain)s."
    ),
    gettext_lazy("To confirm this is correct, go to %(activate_url)s"),
    gettext_lazy("Please Confirm Your Email Address"),
    gettext_lazy("Email address %(deleted_email)s has been removed from your account."),
    gettext_lazy("Email Removed"),
    gettext_lazy("Your password has been changed."),
    gettext_lazy("Password Changed"),
    gettext_lazy(
        "You're receiving this email because you or someone else has requested a password reset for your user account.\nIt can be safely ignored if you did not request a password reset. Click the link below to reset your password."
    ),
    gettext_lazy("Password Reset Email"),
    gettext_lazy("Your password has been reset."),
    gettext_lazy("Password Reset"),
    gettext_lazy("Your password has been set."),
    gettext_lazy("Password Set"),
    gettext_lazy(
        "You are receiving this email because you, or someone else, tried to access an account with email %(email)s. However, we do not have any record of such an account in our database."
    ),
    gettext_lazy("This mail can be safely ignored if you did not initiate this action."),
    gettext_lazy("If it was you, you can sign up for an account using the link below."),
    gettext_lazy("Unknown Account"),
    gettext_lazy("Email Address"),
    gettext_lazy("Current email"),
    gettext_lazy("Changing to"),
    gettext_lazy("Your email address is still pending verification."),
    gettext_lazy("Cancel Change"),
    gettext_lazy("Change to"),
    gettext_lazy("Change Email"),
    gettext_lazy("Confirm Email Address"),
    gettext_lazy(
        'Please confirm that <a href="mailto:%(email)s">%(email)s</a> is an email address for user %(user_display)s.'
    ),
    gettext_lazy("Confirm"),
    gettext_lazy("Unable to confirm %(email)s because it is already confirmed by a different account."),
    gettext_lazy(
        'This email confirmation link expired or is invalid. Please <a href="%(email_url)s">issue a new email confirmation request</a>.'
    ),
    gettext_lazy("Sign In"),
    gettext_lazy("If you have not created an account yet, then please %(link)ssign up%(end_link)s first."),
    gettext_lazy("Sign Out"),
    gettext_lazy("Are you sure you want to sign out?"),
    gettext_lazy("You cannot remove your primary email address (%(email)s)."),
    gettext_lazy("Confirmation email sent to %(email)s."),
    gettext_lazy("You have confirmed %(email)s."),
    gettext_lazy("Removed email address %(email)s."),
    gettext_lazy("Successfully signed in as %(name)s."),
    gettext_lazy("You have signed out."),
    gettext_lazy("Password successfully changed."),
    gettext_lazy("Password successfully set."),
    gettext_lazy("Primary email address set."),
    gettext_lazy("Change Password"),
    gettext_lazy(
        "Forgotten your password? Enter your email address below, and we'll send you an email allowing you to reset it."
    ),
    gettext_lazy("Reset My Password"),
    gettext_lazy("Please contact us if you have any trouble resetting your password."),
    gettext_lazy(
        "We have sent you an email. If you have not received it please check your spam folder. Otherwise contact us if you do not receive it in a few minutes."
    ),
    gettext_lazy("Bad Token"),
    gettext_lazy(
        'The password reset link was invalid, possibly because it has already been used.  Please request a <a href="%(passwd_reset_url)s">new password reset</a>.'
    ),
    gettext_lazy("Cancel"),
    gettext_lazy("Your password is now changed."),
    gettext_lazy("Set Password"),
    gettext_lazy("Enter your password:"),
    gettext_lazy("Signup"),
    gettext_lazy("Sign Up"),
    gettext_lazy("Already have an account? Then please %(link)ssign in%(end_link)s."),
    gettext_lazy("Sign Up Closed"),
    gettext_lazy("We are sorry, but the sign up is currently closed."),
    gettext_lazy("Note"),
    gettext_lazy("You are already logged in as %(user_display)s."),
    gettext_lazy("Warning:"),
    gettext_lazy(
        "You currently do not have any email address set up. You should really add an email address so you can receive notifications, reset your password, etc."
    ),
    gettext_lazy("Verify Your Email Address"),
    gettext_lazy(
        "We have sent an email to you for verification. Follow the link provided to finalize the signup process. If you do not see the verification email in your main inbox, check your spam folder. Please contact us if you do not receive the verification email within a few minutes."
    ),
    gettext_lazy(
        "This part of the site requires us to verify that\nyou are who you claim to be. For this purpose, we require that you\nverify ownership of your email address. "
    ),
    gettext_lazy(
        "We have sent an email to you for\nverification. Please click on the link inside that email. If you do not see the verification email in your main inbox, check your spam folder. Otherwise\ncontact us if you do not receive it within a few minutes."
    ),
    gettext_lazy('<strong>Note:</strong> you can still <a href="%(email_url)s">change your email address</a>.'),
]

DJANGO = [
    gettext_lazy("Monday"),
    gettext_lazy("Tuesday"),
    gettext_lazy("Wednesday"),
    gettext_lazy("Thursday"),
    gettext_lazy("Friday"),
    gettext_lazy("Saturday"),
    gettext_lazy("Sunday"),
    gettext_lazy("Mon"),
    gettext_lazy("Tue"),
    gettext_lazy("Wed"),
    gettext_lazy("Thu"),
    gettext_lazy("Fri"),
    gettext_lazy("Sat"),
    gettext_lazy("Sun"),
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
    gettext_lazy("jan"),
    gettext_lazy("feb"),
    gettext_lazy("mar"),
    gettext_lazy("apr"),
    gettext_lazy("may"),
    gettext_lazy("jun"),
    gettext_lazy("jul"),
    gettext_lazy("aug"),
    gettext_lazy("sep"),
    gettext_lazy("oct"),
    gettext_lazy("nov"),
    gettext_lazy("dec"),
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
    gettext_lazy("This field is required."),
    gettext_lazy("Enter a whole number."),
    gettext_lazy("Enter a number."),
    gettext_lazy("Enter a valid URL."),
    gettext_lazy("Select a valid choice. %(value)s is not one of the available choices."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "number",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "number",
    ),
    gettext_lazy("The password is too similar to the %(verbose_name)s."),
    gettext_lazy("Your password can’t be too similar to your other personal information."),
    gettext_lazy("This password is too common."),
    gettext_lazy("Your password can’t be a commonly used password."),
    gettext_lazy("This password is entirely numeric."),
    gettext_lazy("Your password can’t be entirely numeric."),
    gettext_lazy("Enter a valid value."),
    gettext_lazy("Enter a valid email address."),
    gettext_lazy("Ensure this value is %(limit_value)s (it is %(show_value)s)."),
    gettext_lazy("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_lazy("Ensure this value is greater than or equal to %(limit_value)s."),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "number",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "number",
    ),
]
