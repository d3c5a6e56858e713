"""Browser pages of the feedback app: survey editor, public answer pages, reviews inbox."""

app_name = "feedback"

urlpatterns = []
