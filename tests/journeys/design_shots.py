"""Screenshots of the screens people look at most, under Xvfb with openbox, for a design review.

Each run starts the real app (the demo vault) on a fresh X server at 1280×800 and 1920×1080, in
a light and a dark palette, and keeps every page (Overview, Labs, Wellness, the others) plus the
first-run Overview of a person with no records and the visit sheet's first page in
`build/screenshots/design/<label>/`. Run it against another checkout to compare:

    .venv/bin/python tests/journeys/design_shots.py after
    PYTHONPATH=/tmp/base/desktop .venv/bin/python tests/journeys/design_shots.py before

`--scale 2` adds a 200% run (QT_SCALE_FACTOR=2 on a 2560×1600 screen). Needs Xvfb and openbox.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "build" / "screenshots" / "design"
SIZES = ((1280, 800), (1920, 1080))

# Runs inside the app's process: the app as `healthbook --demo` starts it, then a timer walks
# the pages and grabs the whole X screen (window manager decorations included).
DRIVER = r"""
import sys, time
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

OUT, DARK, TAG = Path(sys.argv[1]), sys.argv[2] == "dark", sys.argv[3]
app = QApplication(sys.argv[:1])


def dark_palette():
    pal = QPalette()
    for role, colour in (("Window", "#1e1f22"), ("WindowText", "#e6e6e6"), ("Base", "#2b2d30"),
                         ("AlternateBase", "#313335"), ("Text", "#e6e6e6"),
                         ("Button", "#2b2d30"), ("ButtonText", "#e6e6e6"),
                         ("Highlight", "#3574f0"), ("HighlightedText", "#ffffff"),
                         ("ToolTipBase", "#3c3f41"), ("ToolTipText", "#e6e6e6"),
                         ("PlaceholderText", "#8c8c8c"), ("Mid", "#4e5157"),
                         ("Midlight", "#3c3f41"), ("Dark", "#18191b"), ("Light", "#4e5157"),
                         ("Shadow", "#000000"), ("Link", "#6ea8fe"), ("BrightText", "#ffffff")):
        pal.setColor(getattr(QPalette.ColorRole, role), QColor(colour))
    return pal


def wait(seconds, until=lambda: True):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
        if until():
            break


def grab(name):
    wait(0.8)
    path = OUT / f"{TAG}-{name}.png"
    assert QGuiApplication.primaryScreen().grabWindow(0).save(str(path))
    sys.stdout.write(f"{path}\n")


def walk():
    from healthbook.ui.main_window import PAGES, MainWindow

    win = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
    win.showMaximized()
    wait(1.5)
    grab("00-unlock")
    win.unlock_view.demo.click()
    wait(60, lambda: win.session.data is not None and not win.session.lane.busy)
    wait(1.0)
    for i, page in enumerate(PAGES, 1):
        win.show_page(page)
        grab(f"{i:02d}-{page.lower().replace(' ', '-')}")
    session = win.session
    session.run(lambda vault, _job: vault.people.add("Sam"),
                done=lambda _p: session.reload_people(select="Sam"))
    wait(30, lambda: session.data is not None and session.data.person.name == "Sam"
         and not session.lane.busy)
    win.show_page("Overview")
    grab("20-first-run-overview")
    win.close()
    app.quit()


from healthbook.app import run_app  # noqa: E402

if DARK:  # as a system dark theme does: the palette is there before the window
    app.setPalette(dark_palette())
QTimer.singleShot(300, walk)
sys.exit(run_app(demo=True))
"""

SHEET = r"""
import sys
from datetime import date
from healthbook.demo import demo_vault
from healthbook.reports import sheet_input
from healthbook.reports.sheet import build_sheet
from healthbook.reports.pdf_pages import pdf_pages

vault = demo_vault(lambda _p: None)[0]
person = vault.people.list()[0]
pdf = build_sheet(sheet_input(vault, person), "Appointment preparation",
                  ["What does my blood pressure mean?"])
for n, png in enumerate(pdf_pages(pdf, scale=1.6)[:2], 1):
    open(sys.argv[1] + f"-{n}.png", "wb").write(png)
"""


def free_display() -> str:
    """An X display number nobody holds."""
    for number in range(150, 220):
        if not Path(f"/tmp/.X{number}-lock").exists() and \
                not Path(f"/tmp/.X11-unix/X{number}").exists():
            return f":{number}"
    raise SystemExit("design shots: no free X display number")


def run_once(out: Path, width: int, height: int, palette: str, scale: int) -> None:
    """One X server, one window manager, one app run."""
    tag = f"{width}x{height}-{palette}" + (f"-x{scale}" if scale != 1 else "")
    with tempfile.TemporaryDirectory(prefix="hb-design-") as tmp:
        home = Path(tmp)
        for name in ("config", "data", "cache", "runtime", "tmp"):
            (home / name).mkdir(mode=0o700)
        display = free_display()
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", HOME=str(home),
                   XDG_CONFIG_HOME=str(home / "config"), XDG_DATA_HOME=str(home / "data"),
                   XDG_CACHE_HOME=str(home / "cache"), XDG_RUNTIME_DIR=str(home / "runtime"),
                   TMPDIR=str(home / "tmp"))
        if scale != 1:
            env["QT_SCALE_FACTOR"] = str(scale)
        screen = f"{width * scale}x{height * scale}x24"
        procs = [subprocess.Popen(["Xvfb", display, "-screen", "0", screen, "-nolisten", "tcp"],
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
        try:
            time.sleep(1.0)
            procs.append(subprocess.Popen(["openbox"], env=env, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.DEVNULL))
            time.sleep(0.5)
            subprocess.run([sys.executable, "-c", DRIVER, str(out), palette, tag], env=env,
                           check=True, timeout=300)
        finally:
            for proc in reversed(procs):
                proc.terminate()
                proc.wait(10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("label", help="folder under build/screenshots/design/ (before, after)")
    parser.add_argument("--scale", type=int, default=1, help="also a run at this scale")
    parser.add_argument("--only", default="", help="WIDTHxHEIGHT-PALETTE: one run only")
    args = parser.parse_args()
    for tool in ("Xvfb", "openbox"):
        if shutil.which(tool) is None:
            sys.stdout.write(f"design shots skipped: {tool} is not installed\n")
            return 0
    out = OUT / args.label
    out.mkdir(parents=True, exist_ok=True)
    runs = [(w, h, p, 1) for w, h in SIZES for p in ("light", "dark")]
    if args.scale != 1:
        runs.append((1280, 800, "light", args.scale))
    for width, height, palette, scale in runs:
        tag = f"{width}x{height}-{palette}"
        if args.only and args.only != tag:
            continue
        run_once(out, width, height, palette, scale)
    if not args.only:
        subprocess.run([sys.executable, "-c", SHEET, str(out / "sheet")], check=True,
                       timeout=300)
    sys.stdout.write(f"design shots: {out.relative_to(ROOT)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
