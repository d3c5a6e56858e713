"""What every e-mail we send needs, whichever slice sends it."""

import re

_BREAKS = re.compile(r"\s+")


def mail_subject(text: str, limit: int = 200) -> str:
    """A subject on one line: names that people typed (a workspace, a touchpoint) may hold line
    breaks, which Django refuses in a header (BadHeaderError), and may be very long."""
    line = _BREAKS.sub(" ", str(text)).strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
