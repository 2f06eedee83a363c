"""Comparing query answers from different engines and stores."""


def ROWS(result) -> list[tuple[str, ...]]:  # noqa: N802
    """The rows as strings, in the order given (saved queries sort their rows and their lists)."""
    return [tuple("" if x is None else str(x) for x in r) for r in result]


def ROWS_KEY(rows):  # noqa: N802
    """The rows as a sorted list, for ad-hoc queries that order nothing."""
    return sorted(ROWS(rows))


# Chromium as root on a machine with no network beyond loopback: no sandbox, no GPU, nothing
# fetched in the background (each refused connection would slow the page down)
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
