"""The rows of a DuckDB store file, in a stable order, for tests that compare two stores
(a killed and resumed ingest against an uninterrupted one, Dask against local)."""

from pathlib import Path

import duckdb

# The article columns that do not depend on how a run read its input.
ARTICLE_COLUMNS = "id, url, outlet, title, published, text, metadata, n_mentions"


def store_rows(
    db: Path, articles: str = ARTICLE_COLUMNS, mentions: str = "*"
) -> dict[str, list[tuple[object, ...]]]:
    """Every article, mention, event and redirect row of the store at `db`."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "articles": con.execute(f"SELECT {articles} FROM articles ORDER BY id").fetchall(),
            "mentions": con.execute(
                f"SELECT {mentions} FROM mentions ORDER BY mention_key"
            ).fetchall(),
            "events": con.execute("SELECT * FROM events ORDER BY event_id").fetchall(),
            "redirects": con.execute("SELECT * FROM redirects ORDER BY old_id").fetchall(),
        }
    finally:
        con.close()
