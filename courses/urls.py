from django.urls import path

from . import views

app_name = "courses"

urlpatterns = [
    path("my-learning/", views.my_learning, name="my_learning"),
    path(
        "courses/<int:course_id>/lessons/<int:lesson_id>/complete/",
        views.complete_lesson_view,
        name="complete_lesson",
    ),
]
