"""Comparing query answers from different engines."""


def _cell(x) -> str:
    # GROUP_CONCAT's order is left open by SPARQL: compare its parts as a set
    return "" if x is None else ", ".join(sorted(str(x).split(", ")))


def ROWS_KEY(rows):  # noqa: N802
    return sorted(tuple(_cell(x) for x in r) for r in rows)
