"""Certificate pages under the language prefix (/ms/certificates/…,
/ms/verify/…). The language-free addresses printed on certificates and the
issuer profile are in cms/urls.py."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("certificates/<str:code>/", views.certificate_page, name="certificate"),
    path("learn/courses/<uuid:course_key>/certificate/", views.course_certificate, name="course_certificate"),
    re_path(
        r"^certificates/(?P<code>[^/]+)/certificate-(?P<paper>a4|letter)\.pdf$",
        views.certificate_pdf_view,
        name="certificate_pdf",
    ),
    path("certificates/<str:code>/credential.json", views.credential_view, name="certificate_credential"),
    path("verify/", views.verify_form, name="verify_form"),
    path("verify/<str:code>/", views.verify_certificate, name="verify_certificate"),
]
