from django.urls import path

from initiatives import views

app_name = "map"

urlpatterns = [
    path("", views.initiative_map, name="index"),
    path("donnees.geojson", views.map_data, name="data"),
]
