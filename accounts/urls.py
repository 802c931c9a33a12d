from django.urls import path

from accounts.views import (
    admin_sign_in,
    api_token,
    participation,
    privacy,
    profile,
    reporting,
    residency,
)

app_name = "accounts"

urlpatterns = [
    path("konto/", profile.profile, name="profile"),
    path("konto/panel/", admin_sign_in.admin_sign_in, name="admin_sign_in"),
    path("konto/udzial/", participation.participation, name="participation"),
    path("konto/zamieszkanie/", residency.choose_centre, name="residency"),
    path("konto/zamieszkanie/<id:centre_id>/", residency.centre, name="residency_centre"),
    path(
        "konto/zamieszkanie/<id:centre_id>/deklaracja/",
        residency.declaration,
        name="residency_declaration",
    ),
    path("konto/zamieszkanie/<id:centre_id>/kod/", residency.code, name="residency_code"),
    path("konto/moje-dane/", privacy.data_export, name="data_export"),
    path("konto/usun/", privacy.account_delete, name="delete"),
    path("konto/klucz-api/", api_token.api_token, name="api_token"),
    path(
        "zglos/<id:content_type_id>/<id:object_id>/",
        reporting.report,
        name="report",
    ),
]
