from django.urls import path

from . import api

app_name = "stats_api"

urlpatterns = [
    path("report", api.report, name="report"),
    path("openapi.json", api.openapi, name="openapi"),
]
