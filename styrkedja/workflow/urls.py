"""The workflow of one plan or report, mounted at plan/<plan_id>/arbetsflode/."""

from django.urls import path

from styrkedja.workflow import views

app_name = "workflow"
urlpatterns = [
    path("", views.log, name="log"),
    path("version/<int:number>/", views.version, name="version"),
    path("klarmarkera/", views.mark_ready, name="mark_ready"),
    path("godkann/", views.approve, name="approve"),
    path("returnera/", views.return_plan, name="return"),
    path("faststall/", views.adopt, name="adopt"),
    path("las/", views.lock, name="lock"),
    path("oppna-igen/", views.reopen, name="reopen"),
]
