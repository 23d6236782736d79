from django.urls import path

from contacts import views

app_name = "contacts"

# The contact forms live under their initiative and actor:
# /initiatives/<slug>/contacter/ and /acteurs/<slug>/contacter/.
urlpatterns = [
    path("mon-espace/messages/", views.inbox, name="inbox"),
]
