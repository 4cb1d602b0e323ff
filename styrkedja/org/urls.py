"""A nämnd's administration, mounted under organisation/<unit_id>/hantera/."""

from django.urls import path

from styrkedja.org import views

app_name = "org"
urlpatterns = [
    path("", views.units, name="units"),
    path("enheter/ny/", views.unit_create, name="unit_create"),
    path("enheter/<int:org_unit_id>/", views.unit_edit, name="unit_edit"),
    path("enheter/<int:org_unit_id>/ta-bort/", views.unit_delete, name="unit_delete"),
    path("behorigheter/", views.memberships, name="memberships"),
    path("behorigheter/ny/", views.membership_create, name="membership_create"),
    path("behorigheter/<int:membership_id>/", views.membership_edit, name="membership_edit"),
    path(
        "behorigheter/<int:membership_id>/ta-bort/",
        views.membership_delete,
        name="membership_delete",
    ),
    path("ar/", views.years, name="years"),
    path("ar/nytt/", views.year_create, name="year_create"),
    path("ar/period/<int:period_id>/", views.deadlines, name="deadlines"),
]
