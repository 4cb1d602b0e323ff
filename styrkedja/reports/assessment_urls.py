from django.urls import path

from styrkedja.reports import assessment_views

urlpatterns = [
    path("", assessment_views.assessments_page, name="assessments"),
    path("mal/<int:goal_id>/", assessment_views.assess, name="assess"),
]
