"""Comparing query answers from different engines and stores."""


def ROWS(result) -> list[tuple[str, ...]]:  # noqa: N802
    """The rows as strings, in the order given (saved queries sort their rows and their lists)."""
    return [tuple("" if x is None else str(x) for x in r) for r in result]


def ROWS_KEY(rows):  # noqa: N802
    """The rows as a sorted list, for ad-hoc queries that order nothing."""
    return sorted(ROWS(rows))
