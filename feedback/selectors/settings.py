from feedback.models import FeedbackSettings


def feedback_settings_for(workspace_id: int) -> FeedbackSettings:
    """The workspace's settings, or unsaved defaults when none were saved yet (reads never
    write; ``feedback_settings_update`` creates the row)."""
    found = FeedbackSettings.objects.filter(workspace_id=workspace_id).first()
    return found or FeedbackSettings(workspace_id=workspace_id)
