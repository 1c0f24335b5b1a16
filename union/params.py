"""Numbers read from query strings, which anyone can type.

A value that is not a plain number of the expected size is as good as absent: the page
falls back to its default. Above all, a 20-digit number must not reach SQL, where it
overflows the integer column instead of matching nothing.
"""

# The largest 64-bit signed integer: the widest integer column of SQLite and PostgreSQL.
BIGINT_MAX = 2**63 - 1


def query_int(query, name: str, *, lowest: int = 1, highest: int = BIGINT_MAX) -> int | None:
    """``query[name]`` as an int in ``lowest..highest``; None when absent or anything else
    (signs, decimals, "²" or other digits ``int()`` refuses, several values: the last)."""
    value = query.get(name) or ""
    if not (value.isascii() and value.isdigit()):
        return None
    number = int(value)
    return number if lowest <= number <= highest else None
