"""The double-click app's pieces: --version, --self-test, the Linux launcher, the spec."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import main
from gui import bundle, desktop_entry

ROOT = Path(__file__).resolve().parent.parent


def test_version_matches_pyproject(capsys):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert bundle.VERSION == project["version"]
    assert main.main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"Cross-Entropy Lab {project['version']}"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--version", "--lesson"], "--version goes alone"),
        (["--lesson", "--self-test"], "--self-test goes alone"),
        (["--with-lesson-presets"], "--with-lesson-presets goes after --install-desktop-entry"),
        (["--install-desktop-entry", "--play"], "use --install-desktop-entry"),
    ],
)
def test_app_options_refuse_company(args, message, capsys, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert main.main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_self_test_passes_in_process(qapp):
    lines = []
    problems = __import__("gui.selftest", fromlist=["run"]).run(out=lines.append)
    assert problems == []
    steps = [line.split()[1] for line in lines]
    assert steps == ["assets:", "window:", "scene", "scene", "language:", "export:", "session:"]
    scenes = len(list((ROOT / "assets" / "lesson").glob("*.json")))
    assert f"scene 1 of {scenes}" in lines[2] and f"scene {scenes} of {scenes}" in lines[3]


def test_self_test_fails_loudly_on_a_missing_lesson(qapp, monkeypatch, tmp_path):
    from gui import main_window, selftest

    monkeypatch.setattr(selftest, "OUTCOMES", 10)
    monkeypatch.setattr(bundle, "LESSON_FOLDER", tmp_path / "nowhere")
    problems = selftest.run(out=lambda _: None)
    assert problems and problems[0].startswith("assets: no lesson folder")
    monkeypatch.setattr(bundle, "LESSON_FOLDER", main_window.LESSON_FOLDER)
    defaults = (None, 5.0, tmp_path, True)  # settings, speed, lesson_folder, remember
    monkeypatch.setattr(main_window.MainWindow.__init__, "__defaults__", defaults)
    problems = selftest.run(out=lambda _: None)
    assert problems and problems[0].startswith("window: lesson: ")
    assert "no scene files" in problems[0]


def test_assets_and_documents_folder_are_found():
    assert bundle.LESSON_FOLDER.is_dir() and bundle.ICON.is_file()
    assert (bundle.I18N_FOLDER / "crossentropy_uk.qm").is_file()
    assert bundle.documents_folder().is_dir()
    assert Path(bundle.default_path("session.json")).parent == bundle.documents_folder()


def tree(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None
        for p in sorted(folder.rglob("*"))
    }


def test_desktop_entry_installs_validates_and_uninstalls_exactly(tmp_path):
    home = tmp_path / "data home"
    other = home / "applications" / "someone-else.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n")
    before = tree(home)
    command = [str(tmp_path / "my app" / "cross-entropy-lab"), "100%"]
    made = desktop_entry.install(with_presets=True, command=command, home=home)
    names = sorted(p.name for p in made if p.suffix == ".desktop")
    assert "cross-entropy-lab.desktop" in names and "cross-entropy-lab-lesson.desktop" in names
    assert len(names) == 2 + 4  # the app, the lesson and the four preset worlds
    main_entry = (home / "applications" / "cross-entropy-lab.desktop").read_text()
    assert f'Exec="{tmp_path}/my app/cross-entropy-lab" 100%%\n' in main_entry
    icon = home / "icons" / "hicolor" / "256x256" / "apps" / "cross-entropy-lab.png"
    assert icon.read_bytes() == bundle.ICON.read_bytes() and f"Icon={icon}\n" in main_entry
    validate = shutil.which("desktop-file-validate")
    if validate:
        out = subprocess.run([validate, *map(str, made[1:])], capture_output=True, text=True)
        assert out.returncode == 0 and "error" not in out.stdout + out.stderr, out.stdout
    # Installing again replaces; without presets, their launchers go.
    again = desktop_entry.install(command=command, home=home)
    assert sorted(p.name for p in again) == ["cross-entropy-lab.desktop", "cross-entropy-lab.png"]
    assert not (home / "applications" / "cross-entropy-lab-lesson.desktop").exists()
    removed = desktop_entry.uninstall(home)
    assert sorted(removed) == sorted(again)
    assert tree(home) == before  # the other launcher stays, the folders made are gone
    assert desktop_entry.uninstall(home) == []


def test_uninstall_keeps_a_launcher_the_teacher_rewrote(tmp_path):
    desktop_entry.install(command=["app"], home=tmp_path)
    mine = tmp_path / "applications" / "cross-entropy-lab.desktop"
    mine.write_text("[Desktop Entry]\nType=Application\nName=Mine\nExec=app\n")
    desktop_entry.uninstall(tmp_path)
    assert mine.is_file() and not (tmp_path / "icons").exists()


def test_exec_quoting_follows_the_spec():
    assert desktop_entry.exec_arg("/opt/lab/app") == "/opt/lab/app"
    assert desktop_entry.exec_arg("/a b/app") == '"/a b/app"'
    assert desktop_entry.exec_arg('a"$`\\b') == '"a\\\\"\\\\$\\\\`\\\\\\\\b"'


@pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the spec's filters are checked on Linux"
)
def test_spec_keeps_what_the_app_loads():
    spec = (ROOT / "packaging" / "cross-entropy-lab.spec").read_text(encoding="utf-8")
    for needed in (
        '"qxcb"',
        '"qoffscreen"',
        "qtbase_uk.qm",
        "assets/lesson",
        "assets/i18n",
        "icon.png",
    ):
        assert needed in spec
    for needed in ("QtSvg", "QtOpenGL"):  # the SVG export; pyqtgraph's curves import QtOpenGL
        assert f'"{needed}",' not in spec.split("EXCLUDES")[1].split("]")[0]
