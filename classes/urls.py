from django.urls import path

from . import views

app_name = "classes"

urlpatterns = [
    path("", views.my_classes, name="mine"),
    path("new/", views.new_class, name="new"),
    path("<int:class_id>/", views.class_detail, name="detail"),
    path("<int:class_id>/edit/", views.edit_class, name="edit"),
    path("<int:class_id>/poster/", views.poster, name="poster"),
    path("<int:class_id>/learners/add/", views.add_learners, name="add_learners"),
    path("<int:class_id>/cards/", views.cards, name="cards"),
    # The learner is named in the POST body, never in the URL (tests/security/test_isolation.py).
    path("<int:class_id>/learners/new-card/", views.reset_card, name="reset_card"),
    path("<int:class_id>/learners/remove/", views.remove_learner, name="remove_learner"),
    path("<int:class_id>/learners/consent/", views.record_consent, name="record_consent"),
    path("<int:class_id>/report/", views.class_report, name="report"),
    path("<int:class_id>/report.csv", views.class_report_csv, name="report_csv"),
    path("<int:class_id>/present/<int:lesson_id>/", views.present_lesson, name="present"),
    path("<int:class_id>/leave/", views.leave, name="leave"),
    path("join/", views.join, name="join"),
    path("join/<str:code>/", views.join_code, name="join_code"),
    path("card-sign-in/", views.card_sign_in, name="card_sign_in"),
]
