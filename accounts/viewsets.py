from wagtail.users.views.users import UserViewSet as WagtailUserViewSet

from accounts.forms import StaffUserCreationForm, StaffUserEditForm


class UserViewSet(WagtailUserViewSet):
    """Wagtail's user admin, with the display name residents see."""

    def get_form_class(self, for_update=False):
        return StaffUserEditForm if for_update else StaffUserCreationForm
