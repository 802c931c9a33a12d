"""Emails to one user, rendered in their language and sent by the task worker."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task

from home.links import site_url
from jobs.services import run_once


@task(takes_context=True)
def deliver_email(context, *, to: str, subject: str, body: str, html: str = "") -> None:
    """Send one email, once: a run repeated after its worker died finds the first one's mark.

    The mark commits with the send, so only a worker killed in the middle of talking to the
    mail server can send an email twice; none is lost.
    """

    def send():
        message = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [to])
        if html:
            message.attach_alternative(html, "text/html")
        message.send()

    run_once(f"email:{context.task_result.id}", send)


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
