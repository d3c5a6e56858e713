"""Browser pages of the touchpoints app (drawer, register, my work)."""

app_name = "touchpoints"

urlpatterns = []
