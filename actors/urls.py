from django.urls import path

from actors import views
from contacts import views as contacts

app_name = "actors"

urlpatterns = [
    path("", views.actor_list, name="list"),
    path("<slug:slug>/", views.actor_detail, name="detail"),
    path("<slug:slug>/contacter/", contacts.actor_contact, name="contact"),
    path("<slug:slug>/contacter/envoye/", contacts.actor_contact_sent, name="contact-sent"),
]
