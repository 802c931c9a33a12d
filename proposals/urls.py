"""Proposal URLs outside a consultation's own routes (the rest hang off ConsultationPage)."""

from django.urls import path

from proposals.views import engagement

app_name = "proposals"

urlpatterns = [
    path("wypisz/<str:token>/", engagement.unsubscribe, name="unsubscribe"),
]
