"""Run the command-line interface: ``python -m stance``."""

from stance.cli import main

if __name__ == "__main__":  # pragma: no cover - exercised through subprocess tests
    raise SystemExit(main())
