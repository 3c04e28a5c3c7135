"""Where commands may write: never under a repository's filings/, never over a file by surprise."""
from __future__ import annotations

from pathlib import Path

FILINGS = "filings"
MARKERS = ("registry.yml", "calendar.yml")


def filings_folder_above(path: Path, root: Path | None = None) -> Path | None:
    """The filings/ folder that `path` lies in (or is), or None.

    A folder counts as a repository's filings/ when it is `root/filings`, or is named
    filings and holds registry.yml or calendar.yml (a repository seen from outside).
    """
    target = Path(path).absolute()
    # resolve() follows symlinks; a symlink pointing into filings/ is refused too
    candidates = {target, target.resolve()}
    guarded = (root / FILINGS).resolve() if root is not None else None
    for candidate in candidates:
        for folder in (candidate, *candidate.parents):
            if folder.name != FILINGS:
                continue
            if folder.resolve() == guarded or any((folder / m).is_file() for m in MARKERS):
                return folder
    return None


def refuse_message(path: Path, root: Path | None = None) -> str | None:
    """A Chinese usage message when writing `path` would touch filings/, else None."""
    folder = filings_folder_above(path, root)
    if folder is None:
        return None
    return (f"不能写入 {path}：它位于备案文件夹 {folder} 中，备案只能由经办人提交。"
            f"请把输出写到备案库之外或仓库根目录下的其他文件夹")
