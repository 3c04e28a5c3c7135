"""Where the tool's own files live: templates/, docs/ and mkdocs.yml.

In a source checkout (editable install) they sit at the top of the checkout.
A wheel carries copies under generator/_data/ (setup.py copies them at build
time), so `pip install` of the tool, as a district's pre-commit hook does,
still finds its templates.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _root() -> Path:
    bundled = _PACKAGE / "_data"
    return bundled if (bundled / "templates").is_dir() else _PACKAGE.parent


ROOT = _root()
DOCS = ROOT / "docs"
BASE_CONFIG = ROOT / "mkdocs.yml"


class _Templates:
    filings = ROOT / "templates" / "filings"
    site = ROOT / "templates" / "site"

    def read_body(self, type_name: str) -> str:
        return (self.filings / f"{type_name}.md").read_text(encoding="utf-8")


TEMPLATES = _Templates()
