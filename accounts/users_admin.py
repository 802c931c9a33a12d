from wagtail.users.apps import WagtailUsersAppConfig


class UsersAdminConfig(WagtailUsersAppConfig):
    """Wagtail's user admin, using our user viewset (adds the display name)."""

    user_viewset = "accounts.viewsets.UserViewSet"
