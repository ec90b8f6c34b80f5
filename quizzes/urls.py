from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("quizzes/<int:quiz_id>/start/", views.start, name="start"),
    path("quizzes/<int:quiz_id>/before/", views.before_check, name="before_check"),
    path("quizzes/<int:quiz_id>/self-report/", views.self_report_after, name="self_report_after"),
    path("attempts/<int:attempt_id>/questions/<int:number>/", views.question, name="question"),
    path("attempts/<int:attempt_id>/all/", views.all_questions, name="all_questions"),
    path("attempts/<int:attempt_id>/review/", views.review, name="review"),
    path("attempts/<int:attempt_id>/results/", views.results, name="results"),
]
