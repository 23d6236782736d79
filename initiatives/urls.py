from django.urls import path

from contacts import views as contacts
from initiatives import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("<slug:slug>/", views.initiative_detail, name="detail"),
    path("<slug:slug>/contacter/", contacts.initiative_contact, name="contact"),
    path("<slug:slug>/contacter/envoye/", contacts.initiative_contact_sent, name="contact-sent"),
]
