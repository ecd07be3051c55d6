"""The toolkit's version: bumped once per release (see CHANGELOG.md)."""

__version__ = "0.2.0"
