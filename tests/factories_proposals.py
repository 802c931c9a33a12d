"""Factories for proposals and what hangs off them: photos, status changes, supports, comments."""

import factory

from proposals import models
from tests.factories import UserFactory


class ProposalFactory(factory.django.DjangoModelFactory):
    """A proposal; pass consultation=... (a ConsultationPage). Author defaults to a new user."""

    author = factory.SubFactory(UserFactory)
    title = factory.Sequence(lambda n: f"Nowe kosze na śmieci {n}")
    body = "Przy przystanku brakuje koszy na śmieci. Proponuję postawić dwa nowe kosze."
    place = "ul. Jagiellońska 1"

    class Meta:
        model = models.Proposal


class ProposalPhotoFactory(factory.django.DjangoModelFactory):
    proposal = factory.SubFactory(ProposalFactory)
    image = factory.django.ImageField(filename="zdjecie.jpg", format="JPEG", width=40, height=30)
    alt_text = "Pusty przystanek bez kosza"

    class Meta:
        model = models.ProposalPhoto


class StatusChangeFactory(factory.django.DjangoModelFactory):
    proposal = factory.SubFactory(ProposalFactory)
    status = models.Proposal.Status.SUBMITTED

    class Meta:
        model = models.StatusChange


class SupportFactory(factory.django.DjangoModelFactory):
    """A support row only: counters on the proposal are left to the services."""

    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory)

    class Meta:
        model = models.Support


class PledgeFactory(factory.django.DjangoModelFactory):
    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory)
    note = "Mogę pomóc przy sprzątaniu."

    class Meta:
        model = models.Pledge


class FollowFactory(factory.django.DjangoModelFactory):
    proposal = factory.SubFactory(ProposalFactory)
    user = factory.SubFactory(UserFactory)

    class Meta:
        model = models.Follow


class CommentFactory(factory.django.DjangoModelFactory):
    """A comment row only: the proposal's comments_count is left to the services."""

    proposal = factory.SubFactory(ProposalFactory)
    author = factory.SubFactory(UserFactory)
    body = "Dobry pomysł, też tam chodzę codziennie."

    class Meta:
        model = models.Comment


def confirmed_user(**kwargs):
    """A user whose email address is confirmed (allauth), so they may contribute."""
    from allauth.account.models import EmailAddress

    user = UserFactory(**kwargs)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def open_consultation(home_page, current="proposals", **kwargs):
    """A published consultation under a new centre, with `current` phase running now."""
    from tests.factories import CentrePageFactory
    from tests.factories_consultations import (
        ConsultationIndexPageFactory,
        ConsultationPageFactory,
        with_phases,
    )

    categories = kwargs.pop("categories", ())
    centre = CentrePageFactory(parent=home_page)
    index = ConsultationIndexPageFactory(parent=centre)
    consultation = ConsultationPageFactory(parent=index, **kwargs)
    return with_phases(consultation, current=current, categories=categories)
