"""How a person is shown on cards, lists and messages: their name, or two letters.

One place for it: the map, the register, the dashboard, the API and the editor's conflict
messages all name people the same way.
"""


def person_name(first_name: str, last_name: str, username: str) -> str:
    """ "Anna Smirnova", or the username when the person has no name."""
    return f"{first_name} {last_name}".strip() or username


def person_initials(first_name: str, last_name: str, username: str) -> str:
    """Two letters that stand for a person on a small card: "AS" for Anna Smirnova."""
    letters = "".join(part[0] for part in (first_name, last_name) if part)
    return (letters or username[:2]).upper()


def display_name(user) -> str:
    if user is None:
        return ""
    return person_name(user.first_name, user.last_name, user.get_username())


def initials(user) -> str:
    if user is None:
        return ""
    return person_initials(user.first_name, user.last_name, user.get_username())
