from django.urls import path

from initiatives import views

app_name = "initiatives"

# The contact form of a fiche (/initiatives/<slug>/contacter/) is the contacts
# app's, its report and claim pages the moderation app's.
urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
]
