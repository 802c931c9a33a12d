"""Publishing a petition (…/petycja/publikuj/): a page that says what publishing does, then
the publishing itself. Publishing makes the text public and starts collecting support and
signatures, which cannot be undone, so the petition's page links here instead of publishing
from one button."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from initiatives.petition_views import _petition, _post, _progress, _url
from initiatives.services import petitions
from initiatives.views import _base, _not_allowed


def petition_publish(request, index, pk):
    """GET: what publishing means, the committee and the threshold, with "Publish" and "Back";
    POST: publish. Who may and when is the service's rule (petitions.publish_refusal)."""
    if request.method == "POST":

        def act(initiative, petition):
            petitions.petition_publish(petition=petition, user=request.user)
            return _("The petition is published and collects support.")

        return _post(request, index, pk, act)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    initiative, petition, _own = _petition(request, index, pk)
    refusal = petitions.publish_refusal(petition=petition, user=request.user)
    if refusal is not None and refusal.code == "published":
        messages.info(request, refusal.message)
        return redirect(_url(request, index, pk))
    if refusal is not None:
        return _not_allowed(request, index, refusal)
    context = _base(
        request,
        index,
        initiative=initiative,
        petition=petition,
        committee=list(petitions.consented_committee(initiative)),
        petition_url=_url(request, index, pk),
        publish_url=index.sub_url("petition_publish", request=request, pk=pk),
        **_progress(petition),
    )
    return render(request, "initiatives/petition/publish.html", context)
