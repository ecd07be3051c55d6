"""Formatting of diagnostics for people (GNU lines) and for programs (JSON)."""

from __future__ import annotations

import json

from toolkit.diagnostics import ERROR
from toolkit.validate import ValidationReport


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(report: ValidationReport) -> str:
    """E.g. ``3 files, 1 invalid, 2 errors, 1 warning``."""
    s = report.summary()
    return ", ".join([_plural(s["files"], "file"), f"{s['invalid']} invalid",
                      _plural(s["errors"], "error"), _plural(s["warnings"], "warning")])


def format_text(report: ValidationReport, quiet: bool = False) -> str:
    """One ``path:line:col: severity: message [rule]`` line per problem, then the summary."""
    lines = [d.format() for d in report.diagnostics if not quiet or d.severity == ERROR]
    if not quiet:
        lines.append(summary_line(report))
    return "\n".join(lines)


def format_json(report: ValidationReport, quiet: bool = False) -> str:
    """The records with the summary, as JSON (`Diagnostic.from_dict` reads each record back).

    ``quiet`` lists errors only, as in the text format; the summary still counts everything.
    """
    records = [d.as_dict() for d in report.diagnostics if not quiet or d.severity == ERROR]
    return json.dumps({"summary": report.summary(), "diagnostics": records}, ensure_ascii=False, indent=2)
