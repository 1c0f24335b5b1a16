"""Writing many rows at once with PostgreSQL's COPY (the province-sized paths: the scale data
set, the reminder sweep). Callers keep a ``bulk_create`` path for SQLite."""

from django.db import DEFAULT_DB_ALIAS, connections


def copy_values(table: str, columns: list[str], rows, *, using=DEFAULT_DB_ALIAS):
    """COPY ``rows`` (tuples in ``columns`` order, Python values psycopg adapts) into
    ``table``. PostgreSQL only."""
    db = connections[using]
    names = ", ".join(db.ops.quote_name(c) for c in columns)
    with db.cursor() as cursor, cursor.cursor.copy(
        f"COPY {db.ops.quote_name(table)} ({names}) FROM STDIN"
    ) as copy:
        for row in rows:
            copy.write_row(row)
