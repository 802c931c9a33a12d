"""The centre's overview of what each year's vote delivered: /realizacja/<centre>/."""

from django.urls import path

from implementation import views

app_name = "implementation"

urlpatterns = [path("<slug:centre>/", views.centre_overview, name="overview")]
