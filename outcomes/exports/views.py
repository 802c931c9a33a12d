"""The exports page of a consultation in the admin, the downloads and the background jobs."""

from __future__ import annotations

import tempfile

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consultations.admin_views import AdminView
from consultations.models import ConsultationPage
from outcomes import admin_report, exports
from outcomes.exports import services
from outcomes.exports.base import CSV, CSV_SEMICOLON, JSON, XLSX, Options
from outcomes.exports.writers import CONTENT_TYPES, csv_stream, json_stream, write_xlsx
from outcomes.models import ExportJob

FORMAT_LABELS = {
    CSV: gettext_lazy("CSV"),
    CSV_SEMICOLON: gettext_lazy("CSV with semicolons (Excel in Polish)"),
    XLSX: gettext_lazy("Excel (XLSX)"),
    JSON: gettext_lazy("JSON"),
}


class ExportForm(forms.Form):
    format = forms.ChoiceField(choices=list(FORMAT_LABELS.items()))
    include_contact = forms.BooleanField(required=False)


class ExportsView(AdminView):
    """A screen of one consultation's exports, for the officials of its centre."""

    def prepare(self, *, page_id: int, **kwargs):
        self.consultation = get_object_or_404(ConsultationPage, pk=page_id)
        if not services.may_export(self.request.user, self.consultation):
            raise PermissionDenied


class ExportsIndexView(ExportsView):
    """Every export of the consultation with its formats, and what pseudonymised means."""

    template_name = "outcomes/admin/exports.html"

    def get(self, request, page_id: int):
        consultation = self.consultation
        return self.render(
            page=consultation,
            items=_items(consultation),
            jobs=_recent_jobs(consultation),
            may_include_contact=services.may_include_contact(request.user),
            threshold=services.background_threshold(),
            header_title=consultation.title,
        )


def _items(consultation: ConsultationPage) -> list[dict]:
    items = []
    for export in exports.all_exports():
        available = export.available(consultation)
        items.append(
            {
                "export": export,
                "label": export.label(),
                "description": export.description(),
                "available": available,
                "reason": "" if available else export.unavailable_reason(),
                "formats": [(key, FORMAT_LABELS[key]) for key in export.formats],
                "url": reverse("outcomes_exports:download", args=[consultation.pk, export.name]),
            }
        )
    return items


def _recent_jobs(consultation: ConsultationPage) -> list[ExportJob]:
    jobs = list(
        ExportJob.objects.filter(consultation=consultation).select_related("requested_by")[:10]
    )
    for job in jobs:
        job.label = _job_label(job)
        job.format_label = FORMAT_LABELS.get(job.format, job.format)
    return jobs


class ExportDownloadView(ExportsView):
    """Stream the export now, or start a background job when it is large (POST only)."""

    def post(self, request, page_id: int, name: str):
        return _download(request, self.consultation, name)


def _download(request, consultation: ConsultationPage, name: str):
    export = exports.get(name)
    if export is None or not export.available(consultation):
        raise Http404
    form = ExportForm(request.POST)
    if not form.is_valid() or form.cleaned_data["format"] not in export.formats:
        return HttpResponse(_("Choose one of the offered formats."), status=400)
    export_format = form.cleaned_data["format"]
    include_contact = form.cleaned_data["include_contact"] and export.offers_contact
    if include_contact and not services.may_include_contact(request.user):
        raise PermissionDenied
    options = Options(include_contact=include_contact)
    services.log_export(
        consultation=consultation,
        export=export,
        export_format=export_format,
        user=request.user,
        options=options,
    )
    filename = services.filename(consultation, export, export_format)
    if export.raw is not None:
        found = export.raw(consultation, export_format)
        if found is None:  # retention deleted the result meanwhile
            raise Http404
        size, chunks = found
        response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPES[export_format])
        response["Content-Length"] = str(size)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    if export.count(consultation, options) > services.background_threshold():
        job = services.start_job(
            consultation=consultation,
            export=export,
            export_format=export_format,
            options=options,
            by=request.user,
        )
        return redirect("outcomes_exports:job", job.pk)
    return _stream(consultation, export, export_format, options, filename)


def _stream(consultation, export, export_format, options, filename):
    columns = export.columns(consultation, options)
    rows = export.rows(consultation, options)
    if export_format == XLSX:
        # FileResponse closes the file once sent, and a TemporaryFile vanishes when closed.
        target = tempfile.TemporaryFile()  # noqa: SIM115
        write_xlsx(columns, rows, target, title=str(export.label()))
        target.seek(0)
        return FileResponse(
            target, as_attachment=True, filename=filename, content_type=CONTENT_TYPES[XLSX]
        )
    if export_format == JSON:
        chunks = json_stream(columns, rows)
    else:
        chunks = csv_stream(columns, rows, semicolon=export_format == CSV_SEMICOLON)
    response = StreamingHttpResponse(
        _in_language(chunks, translation.get_language()), content_type=CONTENT_TYPES[export_format]
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _in_language(chunks, language):
    """Write each chunk in the request's language: the server reads a streaming response
    after the view has returned, when the admin's language is no longer active."""
    iterator = iter(chunks)
    while True:
        with translation.override(language):
            chunk = next(iterator, None)
        if chunk is None:
            return
        yield chunk


class ExportJobView(AdminView):
    """A background export (or council report) of a consultation, to whoever may start it."""

    template_name = "outcomes/admin/export_job.html"

    def prepare(self, *, job_id: int):
        self.job = get_object_or_404(ExportJob.objects.select_related("consultation"), pk=job_id)
        if self.job.kind == admin_report.REPORT_KIND:
            allowed = admin_report.may_see_report(self.request.user, self.job.consultation)
        else:
            allowed = services.may_export(self.request.user, self.job.consultation)
        if not allowed:
            raise PermissionDenied

    def get(self, request, job_id: int):
        """How far the job is; refreshes itself (no JavaScript) until it is done."""
        job = self.job
        return self.render(
            job=job,
            page=job.consultation,
            label=_job_label(job),
            in_steps=job.kind == admin_report.REPORT_KIND,
            format_label=FORMAT_LABELS.get(job.format, job.format.upper()),
            header_title=job.consultation.title,
            # WCAG 2.2.1: whoever needs more time turns the automatic refresh off.
            refresh=request.GET.get("refresh") != "off",
        )


class ExportJobDownloadView(ExportJobView):
    """The finished job's file, from private storage."""

    def get(self, request, job_id: int):
        job = self.job
        if job.state != ExportJob.State.READY or not job.file:
            raise Http404
        name = job.file.name.rsplit("/", 1)[-1]
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=name,
            content_type=CONTENT_TYPES.get(job.format),
        )


def _job_label(job: ExportJob) -> str:
    if job.kind == admin_report.REPORT_KIND:
        return admin_report.report_label()
    known = exports.get(job.kind)
    return known.label() if known else job.kind


def admin_urls():
    """The exports' routes, under the consultations' prefix (outcomes_exports:…)."""
    return [
        path("<id:page_id>/exports/", ExportsIndexView.as_view(), name="index"),
        path("<id:page_id>/exports/<slug:name>/", ExportDownloadView.as_view(), name="download"),
        path("exports/jobs/<id:job_id>/", ExportJobView.as_view(), name="job"),
        path(
            "exports/jobs/<id:job_id>/download/",
            ExportJobDownloadView.as_view(),
            name="job_download",
        ),
    ]
