from django.urls import path

from moderation import views

app_name = "moderation"

urlpatterns = [
    path("initiatives/<slug:slug>/signaler/", views.report, name="report"),
    path("initiatives/<slug:slug>/revendiquer/", views.claim, name="claim"),
]
