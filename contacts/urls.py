from django.urls import path

from contacts import views

app_name = "contacts"

# The contact forms are addressed under their initiative and actor; this app owns
# them, so the initiatives and actors apps need not know it exists.
urlpatterns = [
    path("initiatives/<slug:slug>/contacter/", views.initiative_contact, name="initiative"),
    path(
        "initiatives/<slug:slug>/contacter/envoye/",
        views.initiative_contact_sent,
        name="initiative-sent",
    ),
    path("acteurs/<slug:slug>/contacter/", views.actor_contact, name="actor"),
    path("acteurs/<slug:slug>/contacter/envoye/", views.actor_contact_sent, name="actor-sent"),
    path("mon-espace/messages/", views.inbox, name="inbox"),
]
