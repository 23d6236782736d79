from django.urls import path

from freshness import views

app_name = "freshness"

urlpatterns = [
    # The links of a "Toujours d’actualité ?" email (freshness.links).
    path("actualite/<str:token>/<slug:action>/", views.answer, name="answer"),
]
