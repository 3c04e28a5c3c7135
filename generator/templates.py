"""Where the templates live: templates/ at the top of the tool's checkout."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "templates"


class _Templates:
    filings = ROOT / "filings"
    site = ROOT / "site"

    def read_body(self, type_name: str) -> str:
        return (self.filings / f"{type_name}.md").read_text(encoding="utf-8")


TEMPLATES = _Templates()
