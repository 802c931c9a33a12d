"""Views of residents' proposals, routed by ConsultationPage."""
