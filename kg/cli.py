"""The `kg` command: a thin shell over the Python API (kg.build, kg.load, KnowledgeGraph, Endpoint)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer
from rdflib import URIRef
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from kg.build import RemoveError
from kg.endpoint import EndpointError
from kg.entity_names import UnknownName
from kg.files import check_writable
from kg.knowledge_graph import build, connect, remove
from kg.queries import QueryError, catalogue
from kg.reader import ArticleError, printable
from kg.reason import REASONERS
from kg.results import FORMATS, write_result
from kg.serialize import FormatError, format_for
from kg.store import default_store_path

Reasoners = Enum("Reasoners", {name: name for name in REASONERS}, type=str)

app = typer.Typer(
    help="newskg: build, query and export knowledge graphs of news articles.",
    no_args_is_help=True,
    add_completion=False,
)
err = Console(stderr=True, soft_wrap=True)  # messages stay on one line, however long


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"newskg {version('newskg')}")
        except PackageNotFoundError:
            print("newskg (not installed)")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print newskg's version and exit."
    ),
) -> None:
    """newskg: build, query and export knowledge graphs of news articles."""


out = Console()


def fail(message: str, code: int = 1) -> None:
    err.print(f"[red]error:[/red] {escape(printable(message))}", highlight=False)
    raise typer.Exit(code)


SHOWN = 30  # violations listed in full
STORE_HELP = "On-disk store to use (default: $KG_STORE, else ./kg-store)."


def _write(output: Path, write, after: str = "") -> Path:
    """Run `write()` (which writes `output`); a file that cannot be written is one error line."""
    try:
        return write()
    except OSError as e:
        where = Path(e.filename) if e.filename else None
        if where is not None and where.name.startswith(f".{output.name}.") and where.suffix == ".tmp":
            where = where.parent  # the temporary file beside the output: name its folder
        detail = f": {where}" if where is not None and str(where) != str(output) else ""
        fail(f"{output}: cannot write ({e.strerror or e}{detail}){after}")


def _source(data: Path | None, store: Path | None, endpoint: str | None = None, timeout: int = 60):
    """What `kg.connect` gives for the options: a dataset file, an endpoint, else the store."""
    try:
        return connect(
            data=data, store=None if data or endpoint else default_store_path(store), endpoint=endpoint, timeout=timeout
        )
    except ValueError as e:
        fail(str(e).replace("data (a file), store (a folder) or endpoint (a URL)", "--data FILE or --endpoint URL"))
    except (FileNotFoundError, FormatError) as e:
        fail(f"{e}, or give --data FILE" if data is None else str(e))
    except OSError as e:  # a store locked by a running build, for instance
        fail(f"{default_store_path(store)}: cannot open the store ({str(e).splitlines()[0]})")


def _params(pairs: list[str]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        if "=" not in pair:
            fail(f"parameter {pair!r} is not key=value")
        k, v = pair.split("=", 1)
        params[k.strip()] = v
    return params


@app.command("build")
def build_cmd(
    paths: list[Path] = typer.Argument(..., help="Article files or directories (walked recursively)."),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Also write a file; the extension names the format (.trig .nq .ttl .jsonld)."
    ),
    store: Path | None = typer.Option(None, "--store", "-s", help=STORE_HELP),
    reason: bool = typer.Option(True, "--reason/--no-reason", help="Run OWL RL reasoning (incremental)."),
    reasoner: Reasoners = typer.Option(
        "rules", "--reasoner", help="rules (fast, incremental) or owlrl (the reference engine, ~100x slower)."
    ),
    workers: int = typer.Option(1, "--workers", "-w", min=1, help="Extract in this many processes."),
    full: bool = typer.Option(False, "--full", help="Extract every article again, changed or not."),
    dask: str | None = typer.Option(
        None, "--dask", metavar="SCHEDULER", help="Extract on a Dask cluster (tcp://host:8786)."
    ),
    prune: bool = typer.Option(
        False, "--prune", help="Remove from the store the articles that are not among PATHS (a build only adds)."
    ),
) -> None:
    """Build the knowledge graph into the store (incrementally: new and changed articles are added,
    the others kept; --prune removes those not among PATHS) and optionally write a file."""
    try:
        if output is not None:
            format_for(output)
    except FormatError as e:
        fail(str(e))
    if output is not None:
        _write(output, lambda: check_writable(output))
    location = default_store_path(store)
    with Progress(
        TextColumn("[bold]building"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("eta"),
        TimeRemainingColumn(),
        TextColumn("{task.description}"),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def show(done: int, total: int, item: str) -> None:
            if total:
                bar.update(task, completed=done, total=total, description=escape(item))
            else:  # a phase after the articles: the bar stays full and says what runs
                bar.update(task, description=f"[cyan]{escape(item)}…[/cyan]")

        try:
            g = build(
                paths,
                reason=reason,
                reasoner=reasoner.value,
                store=location,
                workers=workers,
                full=full,
                dask=dask,
                prune=prune,
                progress=show,
            )
        except ArticleError as e:
            fail(str(e))
        except OSError as e:
            fail(f"{location}: cannot open the store ({str(e).splitlines()[0]})")
    r = g.report
    for line in r.errors:
        err.print(f"[yellow]skipped[/yellow] {escape(line)}", highlight=False)
    for path in r.skipped:
        err.print(
            f"[yellow]warning:[/yellow] {escape(printable(path))}: not an article file (.txt, .html, .jsonl are read), skipped",
            highlight=False,
        )
    if output is not None:
        _write(output, lambda: g.export(output), "; the store was built")
    summary = Table(show_header=False, box=None)
    rows = r.summary() + [("store", str(location))] + ([("written", str(output))] if output is not None else [])
    for k, v in rows:
        summary.add_row(k, str(v))
    out.print(summary)
    g.close()
    if r.articles == 0:
        fail("no article could be built")


@app.command("remove")
def remove_cmd(
    articles: list[str] = typer.Argument(..., help="Articles by source file name, article IRI or graph IRI."),
    store: Path | None = typer.Option(None, "--store", "-s", help=STORE_HELP),
) -> None:
    """Take articles out of the store; links, names and inferences across articles follow."""
    location = default_store_path(store)
    try:
        g = remove(articles, store=location)
    except RemoveError as e:
        fail(str(e))
    except OSError as e:
        fail(f"{location}: cannot open the store ({str(e).splitlines()[0]})")
    r = g.report
    out.print(f"removed {r.removed}, articles left {r.articles}, store {location}")
    g.close()


@app.command("query")
def query_cmd(
    query: str = typer.Argument(..., help="A saved query name, a .rq file, or SPARQL text."),
    data: Path | None = typer.Option(None, "--data", "-d", help="Dataset file to query instead of the store."),
    endpoint: str | None = typer.Option(None, "--endpoint", "-e", help="SPARQL endpoint URL to query instead."),
    store: Path | None = typer.Option(None, "--store", "-s", help=STORE_HELP),
    timeout: int = typer.Option(60, "--timeout", help="Seconds to wait for an endpoint."),
    param: list[str] = typer.Option([], "--param", "-p", help="Query parameter as key=value (repeatable)."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, json, csv or tsv (W3C SPARQL results)."),
) -> None:
    """Run a saved or ad-hoc SPARQL query against the store, a dataset file or an endpoint."""
    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r} (use one of {', '.join(FORMATS)})")
    params = _params(param)
    source = _source(data, store, endpoint, timeout)
    try:
        result = source.query(query, **params)
    except (QueryError, EndpointError) as e:
        fail(str(e))
    except Exception as e:  # a SPARQL syntax error in user text, for instance
        fail(f"query failed: {type(e).__name__}: {str(e).splitlines()[0] if str(e) else ''}")
    try:
        write_result(result, fmt, sys.stdout, title=query if fmt == "table" else None)
    except ValueError as e:
        fail(str(e))


@app.command("queries")
def queries_cmd() -> None:
    """List the saved queries with their titles and parameters."""
    t = Table("name", "title", "parameters (default)")
    for name, q in catalogue().items():
        params = ", ".join(f"{p.name}={p.default.n3() if p.default is not None else '?'}" for p in q.params)
        t.add_row(name, q.title, params)
    out.print(t)


@app.command("export")
def export_cmd(
    output: Path = typer.Option(..., "-o", "--output", help="File to write; the extension names the format."),
    data: Path | None = typer.Option(None, "--data", "-d", help="Dataset file to read instead of the store."),
    store: Path | None = typer.Option(None, "--store", "-s", help=STORE_HELP),
) -> None:
    """Write the store (or convert a dataset file) as TriG, N-Quads, Turtle (union) or JSON-LD."""
    try:
        format_for(output)
    except FormatError as e:
        fail(str(e))
    _write(output, lambda: check_writable(output))
    g = _source(data, store)
    _write(output, lambda: g.export(output))
    out.print(f"wrote {output} ({len(g)} triples)")


@app.command("validate")
def validate_cmd(
    data: Path | None = typer.Option(None, "--data", "-d", help="Dataset file to check instead of the store."),
    store: Path | None = typer.Option(None, "--store", "-s", help=STORE_HELP),
) -> None:
    """Check the store (or a dataset file) against the SHACL shapes in ontology/shapes.ttl."""
    violations = _source(data, store).validate()
    if not violations:
        out.print("[green]conforms[/green]: no SHACL violations")
        return
    t = Table("severity", "focus node", "path", "message")
    for v in violations[:SHOWN]:
        t.add_row(v.severity, v.focus, v.path, v.message)
    out.print(t)
    if len(violations) > SHOWN:
        out.print(f"... and {len(violations) - SHOWN} more")
    fail(f"{len(violations)} SHACL violation(s)")


@app.command("check")
def check_cmd(
    store: Path | None = typer.Option(None, "--store", "-s", help=STORE_HELP),
    reasoner: Reasoners = typer.Option("rules", "--reasoner", help="The reasoner the store was built with."),
) -> None:
    """Recompute links, inferences and names from the article graphs and compare with the store."""
    report = _source(None, store).check(reasoner.value)
    if report.ok:
        out.print(f"[green]consistent[/green]: {report.articles} articles, {report.groups} groups of linked events")
        return
    t = Table("difference", "graph", "triples")
    for what, graph, n in report.differences[:SHOWN]:
        t.add_row(what, graph, str(n))
    out.print(t)
    fail(f"{len(report.differences)} difference(s) from a recomputation (kg build --full rebuilds everything)")


@app.command("explain")
def explain_cmd(
    subject: str = typer.Argument(..., help="Subject: a name ('Elon Musk'), a CURIE (id:person-elon-musk) or <IRI>."),
    predicate: str = typer.Argument(..., help="Predicate: interactedWith, news:mentions, a, <IRI>..."),
    obj: str = typer.Argument(..., metavar="OBJECT", help="Object: a name, CURIE, <IRI> or literal."),
    data: Path | None = typer.Option(None, "--data", "-d", help="Dataset file instead of the store."),
    store: Path | None = typer.Option(None, "--store", "-s", help=STORE_HELP),
) -> None:
    """Show where a triple comes from: its sentences, or the asserted triples that imply it."""
    from rich.tree import Tree

    g = _source(data, store)
    where = data or default_store_path(store)
    try:
        ex = g.explain(subject, predicate, obj)
    except UnknownName as e:
        fail(str(e))
    if not ex.asserted and ex.rule is None:
        fail(f"the triple ({subject}, {predicate}, {obj}) is not in {where}")

    names = g.dataset.namespace_manager

    def short(t) -> str:
        return " ".join(names.normalizeUri(x) if isinstance(x, URIRef) else x.n3() for x in t)

    def grow(node: Tree, e) -> None:
        head = node.add(
            f"[bold]{short(e.triple)}[/bold]  "
            + (f"asserted in {', '.join(short([c]) for c in e.graphs)}" if e.asserted else f"inferred ({e.rule})")
            + (f": {e.rule}, joined by" if e.asserted and e.rule else "")
        )
        for ev in e.evidence:
            head.add(f"{short([ev.article])} [{ev.begin}:{ev.end}] [italic]{ev.text}[/italic]")
        for reason in e.reasons:
            head.add(reason)
        for b in e.because:
            grow(head, b)

    root = Tree("explain")
    grow(root, ex)
    out.print(root)


@app.command("push")
def push_cmd(
    endpoint: str = typer.Option(..., "--endpoint", "-e", help="The remote store's SPARQL query URL."),
    update_endpoint: str | None = typer.Option(None, "--update-endpoint", help="Its SPARQL Update URL."),
    gsp: str | None = typer.Option(None, "--gsp", help="Or its Graph Store Protocol URL."),
    data: Path | None = typer.Option(None, "--data", "-d", help="Push a dataset file instead of the store."),
    store: Path | None = typer.Option(None, "--store", "-s", help=STORE_HELP),
    timeout: int = typer.Option(120, "--timeout", help="Seconds per request."),
) -> None:
    """Load the built dataset into a SPARQL 1.1 store, each named graph replaced atomically."""
    from kg.push import PushError

    g = _source(data, store)
    with Progress(
        TextColumn("[bold]pushing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
    ) as bar:
        task = bar.add_task("", total=None)
        try:
            report = g.push(
                endpoint,
                update_endpoint,
                gsp,
                timeout=timeout,
                progress=lambda done, total, item: bar.update(task, completed=done, total=total),
            )
        except PushError as e:
            fail(str(e))
    for line in report.failed:
        err.print(f"[red]failed[/red] {line}", highlight=False)
    out.print(
        f"pushed {report.graphs} graphs ({report.triples} triples) in {report.requests} requests"
        f" ({report.retries} retries), dropped {report.dropped} stale graphs, {report.seconds:.2f} s"
    )
    if report.failed:
        fail(f"{len(report.failed)} graph(s) not pushed")


@app.command("serve")
def serve_cmd(
    store: Path | None = typer.Option(None, "--store", "-s", help=STORE_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (loopback by default)."),
    port: int = typer.Option(7878, "--port", help="Port to listen on (-p is --param in every command)."),
    timeout: int = typer.Option(30, "--timeout", help="Stop a query after this many seconds."),
) -> None:
    """Serve the store read-only over HTTP: SPARQL 1.1 Protocol, saved queries, a query page."""
    location = default_store_path(store)
    try:
        server = _source(None, location).serve(host, port, timeout)
    except OSError as e:
        fail(f"cannot serve on {host}:{port} ({e.strerror or e})")
    out.print(f"serving {location} read-only at {server.url}/ (SPARQL: /query, saved queries: /queries); Ctrl-C stops")
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


@app.command("show")
def show_cmd(
    entity: str = typer.Argument(..., help="The entity's name or any alias."),
    output: Path = typer.Option(..., "-o", "--output", help="Picture to write: .svg, .png or .html."),
    data: Path | None = typer.Option(None, "--data", "-d", help="Dataset file instead of the store."),
    store: Path | None = typer.Option(None, "--store", "-s", help=STORE_HELP),
) -> None:
    """Draw an entity's neighbourhood: events, people, platforms, outlets; inferred links in red."""
    _draw("show", entity, output, data, store)


@app.command("timeline")
def timeline_cmd(
    entity: str = typer.Argument(..., help="The entity's name or any alias."),
    output: Path = typer.Option(..., "-o", "--output", help="Picture to write: .png or .svg."),
    data: Path | None = typer.Option(None, "--data", "-d", help="Dataset file instead of the store."),
    store: Path | None = typer.Option(None, "--store", "-s", help=STORE_HELP),
) -> None:
    """Draw an entity's events on a time axis, coloured by type, with the reporting outlets."""
    _draw("timeline", entity, output, data, store)


def _draw(picture: str, entity: str, output: Path, data: Path | None, store: Path | None) -> None:
    from kg.pictures import PictureError

    _write(output, lambda: check_writable(output))
    try:
        source = _source(data, store)
        path = _write(output, lambda: getattr(source, picture)(entity, output))
    except PictureError as e:
        fail(str(e))
    out.print(f"wrote {path} ({path.stat().st_size} bytes)")


def main() -> None:  # pragma: no cover
    app()
