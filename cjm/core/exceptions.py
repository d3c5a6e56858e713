class StaleVersionError(Exception):
    """The row changed since the client read it (optimistic concurrency).

    Carries the current row so the caller can show who changed it and offer a reload
    (the API answers 412 with it; the editor shows a conflict message).
    """

    def __init__(self, current):
        self.current = current
        super().__init__(f"{type(current).__name__} {current.pk} is at version {current.version}")
