from django.urls import path

from styrkedja.comments import views

app_name = "comments"
urlpatterns = [
    path("", views.comment_list, name="list"),
    path("ny/", views.comment_create, name="create"),
    path("<int:comment_id>/svar/", views.comment_reply, name="reply"),
    path("<int:comment_id>/markera-lost/", views.comment_resolve, name="resolve"),
]
