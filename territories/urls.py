from django.urls import path

from territories import views

app_name = "territories"

urlpatterns = [
    path("<str:key>/", views.territory_detail, name="detail"),
]
