"""Browser pages of the personas app (personas and segments library)."""

app_name = "personas"

urlpatterns = []
