"""Case work in Wagtail's admin."""

from wagtail import hooks

from casework.admin import DepartmentViewSet


@hooks.register("register_admin_viewset")
def register_casework_admin():
    return DepartmentViewSet("mam_departments")
