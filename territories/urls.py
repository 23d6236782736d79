from django.urls import path

from territories import views

app_name = "territories"

urlpatterns = [
    path("suggestions/", views.territory_suggestions, name="suggestions"),
    path(
        "suggestions/communes/",
        views.territory_suggestions,
        {"kind": "commune"},
        name="commune-suggestions",
    ),
    path("comparer/", views.territory_comparison, name="compare"),
    path("<str:key>/", views.territory_detail, name="detail"),
]
