"""Mounted only when MAM_BENCH=1 (config/urls.py): never part of a normal installation."""

from django.urls import path

from bench import views

app_name = "bench"
urlpatterns = [path("baseline/", views.baseline, name="baseline")]
