from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views
from .certificates import admin_views as certificate_admin_views


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [path("translation-status/", admin_views.translation_status_view, name="translation_status")]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(_("Translation status"), reverse("translation_status"), icon_name="globe", order=900)


@hooks.register("register_admin_urls")
def register_certificate_urls():
    return [
        path("certificates/", certificate_admin_views.certificate_search, name="certificates_admin"),
        path("certificates/<int:certificate_id>/revoke/", certificate_admin_views.certificate_revoke, name="certificate_revoke"),
    ]


class CertificatesMenuItem(MenuItem):
    def is_shown(self, request):
        return certificate_admin_views.may_revoke(request.user)


@hooks.register("register_admin_menu_item")
def register_certificates_menu_item():
    return CertificatesMenuItem(_("Certificates"), reverse("certificates_admin"), icon_name="tick-inverse", order=9000)
