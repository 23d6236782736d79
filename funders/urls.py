from django.urls import path

from funders import views

app_name = "funders"

# Addressed under the actor's page (/acteurs/<slug>/…) and the personal space;
# this app owns them, so the actors app need not know it exists.
urlpatterns = [
    path("acteurs/<slug:slug>/gerer/", views.request_management, name="request"),
    path("acteurs/<slug:slug>/portefeuille/", views.portfolio_page, name="portfolio"),
    path("acteurs/<slug:slug>/portefeuille.csv", views.portfolio_csv, name="portfolio-csv"),
    path("mon-espace/acteurs/<slug:slug>/", views.manage, name="manage"),
    path("mon-espace/acteurs/<slug:slug>/soutiens/", views.supports, name="supports"),
    path("mon-espace/acteurs/<slug:slug>/programmes/", views.programmes, name="programmes"),
    path(
        "mon-espace/acteurs/<slug:slug>/programmes/nouveau/",
        views.programme_edit,
        name="programme-add",
    ),
    path(
        "mon-espace/acteurs/<slug:slug>/programmes/<slug:programme_slug>/",
        views.programme_edit,
        name="programme-edit",
    ),
    path(
        "mon-espace/acteurs/<slug:slug>/soutiens/<int:pk>/retirer/",
        views.withdraw,
        name="withdraw",
    ),
    path("mon-espace/soutiens/<int:pk>/confirmer/", views.approve_support, name="approve"),
    path("mon-espace/soutiens/<int:pk>/refuser/", views.refuse_support, name="refuse"),
]
