"""The review in Wagtail's admin: each consultation's rules, the reviews of its projects, the
assessment, the outcome, assigning a review, paper appeals, appeal decisions and opening the
vote with appeals pending. Officials of a centre (proposals.change_proposal there) see their
centre's only, members of an appeal body the appeals of their consultations; every change goes
through review.services.

The modules: `scope` (who reaches what), `rules` (the review rules and their actions),
`reviews` (the listing and the viewset routing every review screen), `actions` (assessing,
the outcome, paper appeals), `assign` (assigning a review), `appeals` (an appeal, its
decision, the list of appeals)."""

from review.admin.reviews import ReviewViewSet
from review.admin.rules import ReviewSetupViewSet

__all__ = ["ReviewSetupViewSet", "ReviewViewSet"]
