from events.views import PreviewableDetailView

from .models import Agreement


class AgreementDetailView(PreviewableDetailView):
    model = Agreement
