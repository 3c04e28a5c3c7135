"""Build hook: a wheel carries the tool's templates, docs and mkdocs.yml under generator/_data/.

They live at the top of the checkout (the design card fixes templates/ and
mkdocs.yml there); without this step `pip install` of the tool, as a district's
pre-commit hook does, would install a package that cannot find its templates.
"""
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildWithData(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "generator" / "_data"
        for folder in ("templates", "docs"):
            shutil.copytree(HERE / folder, target / folder, dirs_exist_ok=True)
        shutil.copy2(HERE / "mkdocs.yml", target / "mkdocs.yml")


setup(cmdclass={"build_py": BuildWithData})
