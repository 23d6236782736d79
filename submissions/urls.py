from django.urls import path

from submissions import lookups, views

app_name = "submissions"

urlpatterns = [
    path("proposer/", views.propose, name="propose"),
    path("proposer/acteurs/", lookups.actors, name="actors"),
    path("proposer/adresse/", lookups.geocode, name="geocode"),
    path("mon-espace/fiches/<slug:slug>/", views.edit, name="edit"),
    path("mon-espace/fiches/<slug:slug>/envoyer/", views.submit, name="submit"),
    path("mon-espace/fiches/<slug:slug>/supprimer/", views.delete, name="delete"),
]
