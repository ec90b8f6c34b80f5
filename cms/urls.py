from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import views as account_views
from cms import offline
from cms import views as cms_views
from courses.certificates import views as certificate_views

urlpatterns = [
    path("healthz", cms_views.healthz, name="healthz"),
    # Learning offline: the service worker looks after the whole site from its root.
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="manifest"),
    path("offline/", offline.offline_page, name="offline_page"),
    path("admin/login/", account_views.admin_login, name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # Token-authenticated, for BI tools; labels follow Accept-Language.
    path("api/stats/v1/", include("stats.api_urls")),
    # Printed on certificates and in their QR codes: no language, the visitor's own is chosen.
    path("verify/<str:code>/", certificate_views.verify_certificate_neutral, name="verify_certificate_neutral"),
    path("badges/issuer", certificate_views.issuer, name="badge_issuer"),
    # LTI 1.3 tool: school platforms are configured with these addresses once (no language prefix).
    path("lti/", include("interop.lti_urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Everything a learner sees lives under a language prefix: /en/, /ms/, /vi/.
urlpatterns += i18n_patterns(
    path("accounts/profile/", account_views.profile, name="profile"),
    path("accounts/login/", account_views.login, name="account_login"),
    path("accounts/email/", account_views.email_addresses, name="account_email"),
    path("accounts/confirm-email/<str:key>/", account_views.confirm_email, name="account_confirm_email"),
    path("accounts/2fa/totp/activate/", account_views.activate_authenticator_app, name="mfa_activate_totp"),
    path("accounts/2fa/recovery-codes/", account_views.view_recovery_codes, name="mfa_view_recovery_codes"),
    path("accounts/profile/guardian-email/", account_views.resend_guardian_email, name="resend_guardian_email"),
    path("accounts/profile/my-data.json", account_views.download_my_data, name="download_my_data"),
    path("accounts/profile/erase/", account_views.erase_my_account, name="erase_my_account"),
    path("accounts/guardian/<str:token>/", account_views.guardian_consent, name="guardian_consent"),
    path("privacy/", account_views.privacy, name="privacy"),
    path("display/", account_views.display_options, name="display_options"),
    path("accounts/", include("allauth.urls")),
    path("learn/", include("courses.urls")),
    path("learn/", include("quizzes.urls")),
    path("", include("courses.certificates.urls")),
    path("classes/", include("classes.urls")),
    path("stats/", include("stats.urls")),
    path("offline/saved/", offline.offline_saved, name="offline_saved"),
    path("learn/saved/", offline.saved_courses, name="saved_courses"),
    path("learn/courses/<int:course_id>/offline.json", offline.course_bundle_view, name="offline_course_bundle"),
    path("", include(wagtail_urls)),
)

handler400 = "cms.views.bad_request"
handler403 = "cms.views.permission_denied"
handler404 = "cms.views.page_not_found"
handler500 = "cms.views.server_error"
