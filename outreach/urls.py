"""Embeddable pages and the oEmbed endpoint, routed before Wagtail's catch-all."""

from django.urls import path

from outreach import views

app_name = "outreach"

urlpatterns = [
    path("embed/konsultacja/<id:pk>/", views.embed_consultation, name="embed_consultation"),
    path("embed/propozycja/<id:pk>/", views.embed_proposal, name="embed_proposal"),
    path("embed/wydarzenia/<id:pk>/", views.embed_activities, name="embed_activities"),
    path("oembed/", views.oembed, name="oembed"),
    path("newsletter/wypisz/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
