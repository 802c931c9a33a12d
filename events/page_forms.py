"""The activity page's admin form: its room, partner and initiative are the activity's
centre's."""

from wagtail.admin.forms import WagtailAdminPageForm

from partners.models import Partner
from rooms.models import Room


class ActivityPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        parent = self.parent_page
        if "room" in self.fields and parent is not None:
            centre = parent.get_parent() if parent.depth > 2 else None
            self.fields["room"].queryset = Room.objects.filter(
                centre_id=centre.pk if centre else None
            )
        if "partner" in self.fields and parent is not None:
            centre = parent.get_parent() if parent.depth > 2 else None
            self.fields["partner"].queryset = Partner.objects.filter(
                centre_id=centre.pk if centre else None
            )
        if "initiative" in self.fields and parent is not None:
            centre = parent.get_parent() if parent.depth > 2 else None
            # initiatives is events' neighbour in the apps' order: reached through the field
            initiatives = self.fields["initiative"].queryset.model.objects
            self.fields["initiative"].queryset = initiatives.filter(
                centre_id=centre.pk if centre else None
            ).order_by("title")
