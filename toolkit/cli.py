"""The ``tei`` command: a thin Click layer over the library.

Each command parses its options, calls one library function, turns toolkit
exceptions into a Click error (one ``file:line:col: severity: message`` line each,
exit 1) and echoes the result. Usage errors exit 2 (Click's own handling).
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from pathlib import Path

import click

from toolkit._version import __version__
from toolkit.errors import ToolkitError, UsageError
from toolkit.progress import ProgressBar

PATHS = click.argument("paths", nargs=-1, type=click.Path(exists=True, readable=False, path_type=Path))


class ToolkitClickError(click.ClickException):
    """Prints the toolkit's own diagnostic lines, without Click's ``Error:`` prefix (exit 1)."""

    def show(self, file=None) -> None:
        click.echo(self.message, err=True)


class ToolkitUsageError(ToolkitClickError):
    """A usage error found by the library (no input files, a refused output folder): exit 2."""

    exit_code = 2


@contextmanager
def reported():
    """Turn toolkit exceptions into a clean exit (2 for usage errors, else 1), never a traceback."""
    try:
        yield
    except UsageError as exc:
        raise ToolkitUsageError("\n".join(exc.lines())) from None
    except ToolkitError as exc:
        raise ToolkitClickError("\n".join(exc.lines())) from None


TEI_ALL_NOTICE = "compiling {name} (about 15 s, once per run)…"


def announce_tei_all(path: Path | None, quiet: bool = False, stream=None) -> bool:
    """Say on a terminal's stderr that tei_all is being compiled (it takes a while); True when said."""
    stream = stream or sys.stderr
    if path is None or quiet or not stream.isatty():
        return False
    click.echo(TEI_ALL_NOTICE.format(name=Path(path).name), file=stream)
    return True


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The project's settings (default: tei.toml in the working directory, if present).")
def main(config_path) -> None:
    """Validate and render TEI P5 digital editions.

    Settings come from tei.toml in the working directory (or --config); command-line
    options override them; `tei config` shows the effective settings.
    """
    from toolkit.config import load, use

    with reported():
        use(load(config_path))


def settings():
    from toolkit.config import current

    return current()


def apply_params(values: tuple[str, ...], overrides: dict[str, Path] | None = None) -> None:
    """--param NAME=VALUE options, checked against the stylesheets' parameters."""
    from toolkit.xslt import known_params

    config = settings()
    known = known_params(overrides or config.overrides)
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param takes NAME=VALUE, not {item!r}")
        if name not in known:
            raise UsageError(f"unknown stylesheet parameter {name!r}; known parameters: {', '.join(sorted(known))}")
        config.values["params"] = {**config.values["params"], name: value}
        config.sources[f"params.{name}"] = "command line"
    for name in config.params():
        if name not in known:
            raise UsageError(f"unknown stylesheet parameter {name!r} in {config.sources.get('params.' + name)}; "
                             f"known parameters: {', '.join(sorted(known))}")


@main.command()
@PATHS
@click.option("--schema", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="RELAX NG grammar to use instead of the files' own (xml-model) schemas.")
@click.option("--schematron", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Schematron rules to use instead of the files' own.")
@click.option("--tei-all", "tei_all", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also check TEI conformance against this tei_all.rng.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option("-q", "--quiet", is_flag=True, help="Show errors only: no warnings, summary or progress.")
def validate(paths, schema, schematron, tei_all, fmt, strict, quiet):
    """Check TEI files: well-formedness, RELAX NG, Schematron (and TEI with --tei-all).

    With no PATHS, checks every *.xml under tei/. Exit 0 when all are valid, 1 otherwise,
    2 for a usage error (for example, no *.xml file among the PATHS).

    Which schemas apply: the file's own <?xml-model?> schemas; for a file that names none,
    the project's schema/ when the file is the project's own (under tei/); for another
    project's file, TEI conformance against tei_all.rng (--tei-all, or
    ../shared/tei-p5/tei_all.rng when it is there); failing all of these, well-formedness
    only, with a [no-schema] warning. --schema and --schematron override all of this.
    """
    from toolkit.collect import collect_xml
    from toolkit.formatting import format_json, format_text
    from toolkit.validate import ValidationOptions, validate_paths

    with reported():
        files = collect_xml(paths)
        options = ValidationOptions(schema=schema, schematron=schematron, tei_all=tei_all, strict=strict)
        announce_tei_all(tei_all, quiet or fmt == "json")
        bar = ProgressBar(files, "Validating", quiet or fmt == "json")
        report = validate_paths(files, options, progress=bar.callback())
        bar.finish()
    output = format_json(report, quiet) if fmt == "json" else format_text(report, quiet)
    if output:
        click.echo(output)
    sys.exit(0 if report.ok else 1)


OUT = click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path),
                   default=None, help="Output folder (default: the configuration's output, else output/).")
BASE_URL = click.option("--base-url", default=None, metavar="URL",
                        help="Absolute URL of the published HTML folder, for canonical links and citations.")
PARAM = click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
                     help="A stylesheet parameter (repeatable); an unknown name lists the known ones.")


def output_dir(value: Path | None) -> Path:
    config = settings()
    config.override("output", str(value) if value is not None else None)
    return Path(config.get("output"))


def base_url_of(value: str | None) -> str:
    config = settings()
    config.override("base-url", value)
    return config.get("base-url") or ""


@main.command()
@click.argument("kind", type=click.Choice(["html", "text", "index"]))
@PATHS
@OUT
@BASE_URL
@PARAM
@click.option("--stylesheet", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Your own stylesheet for KIND, which imports the toolkit's (href=\"tei-toolkit:html.xsl\").")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the configuration's jobs, else the number of CPUs).")
def render(kind, paths, out_dir, base_url, params, stylesheet, jobs):
    """Render the HTML edition, the plain-text edition or the citation index.

    KIND is html (output/html/<stem>.html), text (output/text/<stem>.txt) or index
    (output/index/citation-index.html and .json, one index over all PATHS).
    With no PATHS, renders every *.xml under tei/. Rendering does not validate: use build.
    """
    from toolkit.collect import collect_xml
    from toolkit.pipeline import default_jobs
    from toolkit.render import render_paths

    with reported():
        if stylesheet is not None:
            settings().overrides[f"{'index' if kind == 'index' else kind}.xsl"] = stylesheet.resolve()
        apply_params(params)
        out_dir = output_dir(out_dir)
        config = settings()
        config.override("jobs", jobs)
        result = render_paths(collect_xml(paths), [kind], out_dir, base_url_of(base_url),
                              jobs=config.get("jobs") or default_jobs())
    for warning in result.warnings:
        click.echo(warning.format(), err=True)
    click.echo(f"{result.documents} document(s) rendered; {result.describe()} in {out_dir} ({result.seconds:.2f} s)")


@main.command()
@PATHS
@OUT
@BASE_URL
@click.option("--force", is_flag=True, help="Render files that fail validation too.")
@click.option("--tei-all", "tei_all", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also check TEI conformance against this tei_all.rng.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no warnings.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of CPUs).")
@click.option("--no-cache", is_flag=True, help="Validate and render every document, ignoring the build cache.")
@click.option("--dts", is_flag=True, help="Also write the DTS API's static files to OUTPUT/dts/ (for static hosting).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Validate and render on a Dask cluster (e.g. tcp://host:8786) instead of local processes "
                   "(needs the dask extra).")
@PARAM
def build(paths, out_dir, base_url, force, tei_all, quiet, jobs, no_cache, dts, scheduler, params):
    """Validate, then render all three outputs (HTML, text, index).

    Refuses to render a file that fails validation, naming it and its first errors,
    unless --force is given: then it renders anyway, reports the errors, and still
    exits 1 because the input is invalid. With no PATHS, builds every *.xml under tei/.
    """
    from toolkit.build import build as run_build
    from toolkit.collect import collect_xml
    from toolkit.pipeline import default_jobs
    from toolkit.validate import ValidationOptions

    with reported():
        apply_params(params)
        out_dir = output_dir(out_dir)
        files = collect_xml(paths)
        announce_tei_all(tei_all, quiet)
        bar = ProgressBar(files, "Building", quiet)
        config = settings()
        config.override("jobs", jobs)
        result = run_build(files, out_dir, ValidationOptions(tei_all=tei_all), force, base_url_of(base_url),
                           progress=bar.callback(), jobs=config.get("jobs") or default_jobs(), cache=not no_cache,
                           dts=dts, scheduler=scheduler)
        bar.finish()
    for line in (d.format() for d in result.report.diagnostics if d.is_error or not quiet):
        click.echo(line, err=True)
    click.echo(result.summary())
    sys.exit(0 if result.ok else 1)


@main.command()
@PATHS
@OUT
@click.option("--verify", "verify_target", type=click.Path(exists=True, path_type=Path), metavar="BAG_OR_ZIP",
              help="Verify a deposit package (a bag folder or its zip) instead of building one.")
@click.option("--doi", default=None, metavar="DOI",
              help="The edition's DOI, when it has one (never invented): the DataCite identifier.")
@click.option("--profile", "profile_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              default=None, metavar="PROFILE.json",
              help="A BagIt profile the bag must meet (default: the configuration's profile).")
@click.option("--ocfl", "ocfl_root", type=click.Path(file_okay=False, path_type=Path), default=None, metavar="ROOT",
              help="Also add the package as a new version of the edition's object in this OCFL storage root "
                   "(created when missing); an unchanged package adds no version.")
@click.option("--show-versions", is_flag=True, help="With --ocfl: list each object's versions, and build nothing.")
@click.option("--extract", nargs=2, type=(str, click.Path(file_okay=False, path_type=Path)), default=None,
              metavar="VERSION DIR", help="With --ocfl: write a version (v1, v2 … or head) into a new folder, "
                                          "and build nothing.")
def package(paths, out_dir, verify_target, doi, profile_path, ocfl_root, show_versions, extract):
    """Build a deposit package: a BagIt bag and a reproducible zip with metadata.

    Validates and renders as build does, then writes output/deposit/<edition-id>/ and
    output/deposit/<edition-id>.zip. With --verify, checks a bag or zip: checksums,
    completeness, Payload-Oxum, the BagIt profile, the DataCite record and the TEI
    against the schema inside; every problem is reported, one line each. With --profile
    (or the configuration's profile) the bag names the profile and must meet each of its
    requirements, else nothing is written and each unmet one is reported (exit 1).
    """
    from toolkit.collect import collect_xml
    from toolkit.package import package as make_package
    from toolkit.verify import verify

    config = settings()
    profile = profile_path or config.path_of("profile")
    with reported():
        if verify_target is not None:
            problems = verify(verify_target, profile)
            for problem in problems:
                click.echo(problem.format())
            click.echo(f"{verify_target}: {'valid' if not problems else f'{len(problems)} problem(s)'}")
            sys.exit(1 if problems else 0)
        if (show_versions or extract) and ocfl_root is None:
            raise UsageError("--show-versions and --extract need --ocfl ROOT")
        if show_versions or extract:
            sys.exit(_ocfl_read(ocfl_root, show_versions, extract))
        documents = collect_xml(paths)
        result = make_package(documents, output_dir(out_dir), doi, profile, config.table("bag-info"))
        click.echo(result.summary())
        if ocfl_root is not None:
            from toolkit.ocfl_store import deposit

            click.echo(deposit(ocfl_root, result.bag, documents[0], doi).summary())


def _ocfl_read(root: Path, show_versions: bool, extract: tuple[str, Path] | None) -> int:
    """tei package --ocfl ROOT --show-versions | --extract VERSION DIR."""
    from toolkit import ocfl_store

    ids = ocfl_store.objects(root)
    if show_versions:
        for identifier in ids:
            click.echo(identifier)
            for v in ocfl_store.versions(root, identifier):
                click.echo(f"  {v.version}  {v.created}  {v.message}")
    if extract:
        if len(ids) != 1:
            raise UsageError(f"{root} holds {len(ids)} objects; --extract needs a root with exactly one")
        ocfl_store.extract(root, ids[0], extract[0], extract[1])
        click.echo(f"{ids[0]} {extract[0]} written to {extract[1]}")
    return 0


@main.command()
@PATHS
@OUT
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (the default, loopback, is reachable from this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port.")
@click.option("--base-url", "public_url", default=None, metavar="URL",
              help="The server's public URL, when it is behind a proxy (default: the URL of each request).")
@click.option("--no-watch", is_flag=True, help="Build once and serve; do not rebuild when files change.")
def serve(paths, out_dir, host, port, public_url, no_watch):
    """Build, then serve the edition and its DTS 1.0 API (/api/dts) until Ctrl-C.

    Serves only the output folder. While it runs, saving a source, a schema or a
    stylesheet rebuilds the edition (through the build cache) and open pages reload;
    when a file is invalid, pages show its problems instead of stale output.
    """
    from toolkit.server import editor_preview
    from toolkit.server import serve as run_server

    with reported():
        out_dir = output_dir(out_dir)
        preview = editor_preview(list(paths), out_dir, base_url_of(None),
                                 report=lambda line: click.echo(line, err=True))

        def ready(url: str) -> None:
            click.echo(f"Serving {out_dir}/ at {url}/ (DTS API: {url}/api/dts); Ctrl-C to stop", err=True)
            if not no_watch:
                click.echo("Watching " + ", ".join(str(p) for p in preview.watch), err=True)

        run_server(out_dir, host, port, public_url or "", preview, ready, watch=not no_watch)


@main.command()
@click.option("--odd", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The ODD customisation to compile (default: the configuration's odd, else schema/edition.odd).")
@click.option("--p5", "p5subset", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("../shared/tei-p5/p5subset.xml"), show_default=True,
              help="The TEI P5 source (p5subset.xml) the ODD customises.")
@click.option("--stylesheets", type=click.Path(file_okay=False, path_type=Path),
              default=Path("../shared/tei-stylesheets"), show_default=True,
              help="The TEI Consortium's stylesheets (the folder holding odds/odd2odd.xsl).")
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where to write <ident>.rng and <ident>.sch (default: beside the ODD).")
def schema(odd, p5subset, stylesheets, out_dir):
    """Compile the project's ODD into its RELAX NG grammar and Schematron rules.

    Runs the TEI Consortium's odd2odd, odd2relax and extract-isosch in saxonche, keeps
    the project's own constraints (XPath 1.0) in the Schematron, and writes both files
    beside the ODD (only when they change). Exit 2, naming the path looked for, when
    the ODD, p5subset.xml or a stylesheet is missing.
    """
    from toolkit.odd import compile_odd

    with reported():
        odd = odd or settings().path_of("odd") or Path("schema/edition.odd")
        result = compile_odd(odd, p5subset, stylesheets, out_dir)
    click.echo(result.summary())


@main.command("config")
def show_config():
    """Print the effective settings and where each came from.

    Settings are read from tei.toml in the working directory (or the file named with
    tei --config); a value not set there is the default. Also prints the stylesheet
    parameters that --param and [params] accept, and the folder of the toolkit's
    stylesheets (which an override imports as href="tei-toolkit:html.xsl").
    """
    from toolkit.resources import resource_dir
    from toolkit.xslt import known_params

    with reported():
        config = settings()
        apply_params(())
    click.echo(f"# {config.path or 'no tei.toml: defaults'}")
    for line in config.describe():
        click.echo(line)
    click.echo(f"stylesheet parameters: {', '.join(sorted(known_params(config.overrides)))}")
    click.echo(f"toolkit stylesheets (tei-toolkit:) = {resource_dir('xslt')}")
