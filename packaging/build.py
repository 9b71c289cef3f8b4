"""Build the double-click app for the system this runs on: ``dist/cross-entropy-lab/``.

    uv run --group build python packaging/build.py [--self-test] [--max-mb 150]

The same command on Linux, Windows and macOS (PyInstaller builds for the system it runs
on; there is no cross-building).  It prints the build time and the folder's size;
``--self-test`` then runs the built app's own ``--self-test`` offscreen, and ``--max-mb``
fails the build if the folder is larger.  Exit 0 only if everything asked for worked.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "cross-entropy-lab.spec"
NAME = "cross-entropy-lab"


def folder_size(folder: Path) -> int:
    """Bytes in the folder's files (symbolic links count as nothing, as on disk)."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def executable(dist: Path) -> Path:
    if sys.platform == "darwin":
        return dist / "Cross-Entropy Lab.app" / "Contents" / "MacOS" / NAME
    return dist / NAME / (NAME + (".exe" if os.name == "nt" else ""))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--self-test", action="store_true", help="run the built app's self-test")
    parser.add_argument("--max-mb", type=float, help="fail if the app folder is larger (MB)")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print(
            "error: PyInstaller is not installed; run: uv run --group build python "
            "packaging/build.py",
            file=sys.stderr,
        )
        return 2

    start = time.perf_counter()
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean"]
    command += ["--distpath", str(args.dist), "--workpath", str(args.work)]
    built = subprocess.run(command, cwd=ROOT, check=False)
    seconds = time.perf_counter() - start
    if built.returncode != 0:
        print(f"error: PyInstaller failed (exit {built.returncode})", file=sys.stderr)
        return 1
    app = args.dist / NAME
    size_mb = folder_size(app) / 1e6
    print(f"built {app} in {seconds:.0f} s: {size_mb:.1f} MB")
    if args.max_mb is not None and size_mb > args.max_mb:
        print(f"error: the app is {size_mb:.1f} MB, over {args.max_mb:g} MB", file=sys.stderr)
        return 1
    if args.self_test:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        test = subprocess.run([str(executable(args.dist)), "--self-test"], env=env, check=False)
        if test.returncode != 0:
            print(f"error: the built app's self-test failed (exit {test.returncode})")
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
