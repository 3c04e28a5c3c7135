"""The change model: what a change does from a base revision to the work tree (spec §5a).

- git.py         the only GitPython user: base blobs, per-file history, entry dates
- diff.py        the pure comparison of two readings of a filing
- rules.py       the append-only errors (第十六、三十二条), pure
- entry.py       entry dates, late entries and paper-archive import batches, pure
- changeset.py   wiring, computed once per run: `compute(repo, ref, reader=…)`
- facts.py       each affected project's engine facts before and after
"""
from __future__ import annotations

from .changeset import ChangeSet, Reader, changed_paths, compute, default_reader, read_base
from .git import HistoryError

__all__ = ["ChangeSet", "HistoryError", "Reader", "changed_paths", "compute", "default_reader", "read_base"]
