"""``python -m toolkit`` runs the ``tei`` command."""

from toolkit.cli import main

if __name__ == "__main__":
    main()
