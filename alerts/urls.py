from django.urls import path

from alerts import views

app_name = "alerts"

urlpatterns = [
    path("alertes/nouvelle/", views.subscribe, name="subscribe"),
    path("alertes/nouvelle/envoyee/", views.subscribed, name="subscribed"),
    # The links of the emails: `token` is never written to the request log.
    path("alertes/confirmer/<str:token>/", views.confirm, name="confirm"),
    path("alertes/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("mon-espace/alertes/<int:pk>/frequence/", views.change_frequency, name="frequency"),
    path("mon-espace/alertes/<int:pk>/supprimer/", views.delete, name="delete"),
]
