from django.urls import path

from . import lti_views

app_name = "lti"
urlpatterns = [
    path("jwks/", lti_views.jwks, name="jwks"),
    path("login/", lti_views.oidc_login, name="login"),
    path("login/<uuid:registration_uuid>/", lti_views.oidc_login, name="login_for"),
    path("launch/", lti_views.launch, name="launch"),
    path("pick/", lti_views.pick, name="pick"),
]
