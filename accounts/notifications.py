"""Emails to one user, rendered in their language and sent through Django's tasks framework."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from home.links import site_url


@task()
def deliver_email(*, to: str, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to])


def send_user_email(user, template_prefix: str, context: dict) -> None:
    """Render `<prefix>_subject.txt` and `<prefix>_message.txt` and queue the email."""
    if not user.email or user.deleted_at:
        return
    context = {"user": user, "site_url": site_url(), **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", context).strip()
        body = render_to_string(f"{template_prefix}_message.txt", context)
    deliver_email.enqueue(
        to=user.email, subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body
    )
