from django.urls import path

from actors import views

app_name = "actors"

# The contact form of an actor (/acteurs/<slug>/contacter/) is the contacts app's.
urlpatterns = [
    path("", views.actor_list, name="list"),
    path("<slug:slug>/", views.actor_detail, name="detail"),
]
