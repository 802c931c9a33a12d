from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_retention_log_action(actions):
    actions.register_action(
        "mam.retention.apply",
        _("Apply retention"),
        _("Personal data past its retention period removed"),
    )
