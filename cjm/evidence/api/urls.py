from django.urls import path

from .views import ActionImpactView, MomentsOfTruthView

app_name = "evidence-api"
urlpatterns = [
    path("actions/<int:pk>/impact/", ActionImpactView.as_view(), name="action-impact"),
    path(
        "journeys/<int:pk>/moments-of-truth/",
        MomentsOfTruthView.as_view(),
        name="journey-moments-of-truth",
    ),
]
