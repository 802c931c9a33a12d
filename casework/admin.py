"""Departments in Wagtail's admin: officials of a centre (proposals.change_proposal there)
list, add and edit their own centre's departments only."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.views.generic import CreateView, DeleteView, EditView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from accounts.admin.common import OfficialsPolicy, ScopedIndexView
from accounts.roles import staff_centres
from casework.models import AnswerTemplate, Department

OFFICIALS = "proposals.change_proposal"


register_permission_policy(Department, OfficialsPolicy(Department))


def scoped_departments(user):
    return Department.objects.filter(centre__in=staff_centres(user, OFFICIALS))


class DepartmentForm(WagtailAdminModelForm):
    """Only the user's own centres, and only staff (people with a group), can be chosen."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            self.fields["centre"].queryset = staff_centres(for_user, OFFICIALS).order_by("title")
        self.fields["members"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__isnull=False)
            .distinct()
            .order_by("display_name", "email")
        )


class DepartmentCreateView(CreateView):
    pass


class DepartmentEditView(EditView):
    def get_queryset(self):
        return scoped_departments(self.request.user)


class DepartmentIndexView(ScopedIndexView):
    permission = OFFICIALS

    def get_base_queryset(self):
        return scoped_departments(self.request.user).select_related("centre")


class DepartmentViewSet(ModelViewSet):
    model = Department
    form_fields = None
    icon = "group"
    menu_label = _("Departments")
    menu_order = 30
    url_prefix = "departments"
    index_view_class = DepartmentIndexView
    add_view_class = DepartmentCreateView
    edit_view_class = DepartmentEditView
    list_display = ["name", "centre", "email", "active"]
    list_filter = ["active"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    edit_handler = ObjectList(
        [
            FieldPanel("centre"),
            FieldPanel("name"),
            FieldPanel("email"),
            FieldPanel("members"),
            FieldPanel("active"),
        ],
        base_form_class=DepartmentForm,
    )

    def get_urlpatterns(self):
        # No deleting: a department keeps the cases and records assigned to it; mark it inactive.
        return [p for p in super().get_urlpatterns() if p.name != "delete"]

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "delete_url_name": None}

    def get_permissions_to_register(self):
        return Permission.objects.none()


# Answer templates --------------------------------------------------------------------------

register_permission_policy(AnswerTemplate, OfficialsPolicy(AnswerTemplate))


def scoped_templates(user):
    return AnswerTemplate.objects.filter(centre__in=staff_centres(user, OFFICIALS))


class AnswerTemplateForm(WagtailAdminModelForm):
    """Only the user's own centres can be chosen."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if for_user is not None:
            self.fields["centre"].queryset = staff_centres(for_user, OFFICIALS).order_by("title")


class AnswerTemplateEditView(EditView):
    def get_queryset(self):
        return scoped_templates(self.request.user)


class AnswerTemplateDeleteView(DeleteView):
    def get_queryset(self):
        return scoped_templates(self.request.user)


class AnswerTemplateIndexView(ScopedIndexView):
    permission = OFFICIALS

    def get_base_queryset(self):
        return scoped_templates(self.request.user).select_related("centre")


class AnswerTemplateViewSet(ModelViewSet):
    model = AnswerTemplate
    form_fields = None
    icon = "doc-full"
    menu_label = _("Answer templates")
    menu_order = 40
    url_prefix = "answer-templates"
    index_view_class = AnswerTemplateIndexView
    add_view_class = DepartmentCreateView
    edit_view_class = AnswerTemplateEditView
    delete_view_class = AnswerTemplateDeleteView
    list_display = ["title", "centre"]
    copy_view_enabled = False
    inspect_view_enabled = False
    add_to_reference_index = False
    edit_handler = ObjectList(
        [FieldPanel("centre"), FieldPanel("title"), FieldPanel("text")],
        base_form_class=AnswerTemplateForm,
    )

    def get_common_view_kwargs(self, **kwargs):
        return {**super().get_common_view_kwargs(**kwargs), "usage_url_name": None}

    def get_permissions_to_register(self):
        return Permission.objects.none()
