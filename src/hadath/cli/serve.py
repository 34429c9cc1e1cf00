"""``hadath serve``: the REST API and the web interface over a database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from .main import app

EPILOG = """Examples:

  hadath serve --db hadath.duckdb

  hadath serve --db build/examples.duckdb --load examples --port 8080

The database is opened read-only (build it with `hadath ingest`, or with
--load, which ingests INPUT with the event coder before serving). The REST
API is under /v1 (reference at /api, OpenAPI at /v1/openapi.json); the web
interface is at /. Without a database only POST /v1/extract works.
"""


@app.command(epilog=EPILOG)
def serve(
    db: Annotated[Path | None, typer.Option(
        "--db", metavar="PATH", help="The hadath database to serve.")] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    load: Annotated[list[str] | None, typer.Option(
        "--load", metavar="INPUT",
        help="Ingest these inputs into --db first (with the event coder).")] = None,
    max_body: Annotated[int, typer.Option(
        "--max-body", min=1024, help="Largest request body accepted, in bytes.")] = 2 * 1024 * 1024,
    workers: Annotated[int, typer.Option(
        "--workers", "-w", min=1, help="Worker processes for --load.")] = 1,
) -> None:
    """Serve the REST API and the web interface."""
    import uvicorn

    from ..api.app import create_app, pipeline_names
    from ..pipeline import load as load_pipeline

    if load:
        if db is None:
            raise typer.BadParameter("--load needs --db", param_hint="--load")
        from ..ingest import ingest
        from ..store import Store

        db.parent.mkdir(parents=True, exist_ok=True)
        with Store.open(db) as store:
            report = ingest(load, store, load_pipeline(pipeline_names()), workers=workers,
                            on_failure=lambda f: typer.echo(
                                f"hadath: {f.code} {f.type}: {f.where()}: {f.message}",
                                err=True))
        typer.echo(f"hadath: loaded {report.added} new document(s) into {db} "
                   f"({report.skipped} already there, {report.failed} failed)", err=True)
    if db is not None and not db.exists():
        raise typer.BadParameter(f"no database at {db} (build one with `hadath ingest`)",
                                 param_hint="--db")
    application = create_app(db, max_body=max_body)
    state = application.state.hadath
    shown = "localhost" if host in ("127.0.0.1", "0.0.0.0", "::") else host
    what = f"{len(state.index)} documents from {db}" if db else "no database: extract only"
    typer.echo(f"hadath: serving {what} at http://{shown}:{port}/  (API: /v1, docs: /api; "
               "Ctrl-C stops)", err=True)
    uvicorn.run(application, host=host, port=port, log_level="warning")
