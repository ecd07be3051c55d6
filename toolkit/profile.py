"""BagIt profiles (the BagIt Profiles specification, checked with the ``bagit-profile``
package): load a profile from a local file (never a URL: no network), and report every
requirement a bag does not meet as a diagnostic ``[profile]``."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import bagit
import bagit_profile

from toolkit.diagnostics import Diagnostic
from toolkit.errors import InputError, problem
from toolkit.logs import silenced

ID_TAG = "BagIt-Profile-Identifier"


@dataclass(frozen=True)
class BagProfile:
    """A loaded profile: its file, its identifier (the bag-info tag names it) and the checker."""

    path: Path
    identifier: str
    checker: bagit_profile.Profile


def _message(exc: Exception, bag_dir: Path) -> str:
    """bagit-profile's message without the bag's repr or the profile's whole dict."""
    text = str(getattr(exc, "value", exc)).strip()
    for where in sorted({str(bag_dir), str(Path(bag_dir).resolve())}, key=len, reverse=True):
        text = text.replace(f"{where}: ", "").replace(f"{where}/", "")
    text = text.split(" Set 'ignore_baginfo_tag_case'")[0]  # a hint for the library's callers
    return re.sub(r"^\{.*\}: ", "", text, flags=re.S)


def load(path: Path) -> BagProfile:
    """The profile in ``path``; a profile that is not JSON or not a valid profile raises
    :class:`InputError` naming the problem."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:  # at the error's own line and column
        raise InputError(f"{path}: not a readable profile", [problem(
            path, "profile", "profile", f"not a BagIt profile: not valid JSON ({exc.msg} at line {exc.lineno}, column "
            f"{exc.colno}); give --profile a BagIt profile in JSON (bagit-profiles specification)", exc.lineno,
            exc.colno)]) from None
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: not a readable profile", [
            problem(path, "profile", "profile", f"not a readable BagIt profile: {exc}")]) from None
    info = data.get("BagIt-Profile-Info") if isinstance(data, dict) else None
    identifier = info.get(ID_TAG) if isinstance(info, dict) else None
    if not isinstance(identifier, str) or not identifier:
        raise InputError(f"{path}: no identifier", [problem(path, "profile", "profile",
                         f"not a BagIt profile: BagIt-Profile-Info has no {ID_TAG}")])
    try:
        with silenced("bagit"):
            checker = bagit_profile.Profile(identifier, profile=data)
    except (bagit_profile.ProfileValidationError, KeyError, TypeError, ValueError) as exc:
        raise InputError(f"{path}: invalid profile", [problem(path, "profile", "profile",
                         f"not a valid BagIt profile: {_message(exc, path)}")]) from None
    return BagProfile(path, identifier, checker)


def problems(profile: BagProfile, bag_dir: Path, shown: str, serialised: Path | None = None) -> list[Diagnostic]:
    """Every requirement of ``profile`` that the bag in ``bag_dir`` does not meet, one
    diagnostic each; empty when it conforms. ``serialised`` is what was handed over (the bag
    folder or the zip it came from) for the profile's Serialization rules; None skips them
    (``tei package`` checks its bag before it writes the zip, which is always application/zip)."""
    where = f"{shown}/bag-info.txt"
    try:
        with silenced("bagit"):
            bag = bagit.Bag(str(bag_dir))
            profile.checker.validate(bag)
            errors = list(profile.checker.report.errors) + _each_tag(profile, bag)
            if serialised is not None:
                try:
                    profile.checker.validate_serialization(str(serialised))
                except bagit_profile.ProfileValidationError as exc:
                    errors.append(exc)
    except (bagit.BagError, OSError, KeyError, TypeError) as exc:
        return [problem(where, "profile", "profile", f"cannot check the profile: {exc}")]
    messages = dict.fromkeys(_message(e, bag_dir) for e in errors)  # once each, in order
    return [problem(where, "profile", "profile", f"{profile.path.name}: {m}") for m in messages]


def _each_tag(profile: BagProfile, bag: bagit.Bag) -> list[Exception]:
    """bagit-profile stops its bag-info check at the first unmet tag; to name every one, check
    each Bag-Info requirement on its own (the identifier check, already reported, set aside
    on an in-memory copy of the tags; nothing on disk is touched)."""
    data = profile.checker.profile
    tags = dict(bag.info)
    bag.info = {**tags, ID_TAG: profile.identifier}
    errors: list[Exception] = []
    try:
        for tag, requirement in data.get("Bag-Info", {}).items():
            single = bagit_profile.Profile(profile.identifier, profile={**data, "Bag-Info": {tag: requirement}})
            try:
                single.validate_bag_info(bag)
            except bagit_profile.ProfileValidationError as exc:
                errors.append(exc)
    finally:
        bag.info = tags
    return errors
