from django.conf import settings


def site_languages(request):
    return {"SITE_NAME": settings.WAGTAIL_SITE_NAME, "CONTACT_EMAIL": settings.CONTACT_EMAIL}
