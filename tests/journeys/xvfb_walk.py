"""Walk the real app under Xvfb with a window manager and xdotool, as a person would, and keep
screenshots in build/screenshots/journeys/xvfb-*.png for people to look at.

Journeys: unlock by typing at once; Labs; switch person; lock with Ctrl+L; unlock again; a
kiosk that asks for a staff PIN twice, opens a visitor's export and ends the session.
Run by `make test` when Xvfb, openbox and xdotool are installed (the Makefile installs them).
Exits non-zero when a step fails (a window that never appears, a screen that did not change).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "build" / "screenshots" / "journeys"
DATA = ROOT / "tests" / "data" / "synthea"
CARLA = DATA / "Carla_Echevarría_9a628ccd-2a55-4331-8e68-bb58458fd674.json"
CLEMENTE = DATA / "Clemente_Kreiger_1484a42d-0eaf-4654-9cbf-6b050a5cd73b.json"
PASSPHRASE = "correct horse battery staple"
def free_display() -> str:
    """An X display number no other server holds (a stale lock file counts as held)."""
    for number in range(87, 140):
        if not Path(f"/tmp/.X{number}-lock").exists() and \
                not Path(f"/tmp/.X11-unix/X{number}").exists():
            return f":{number}"
    raise SystemExit("xvfb walk: no free X display number")


DISPLAY = free_display()
HEALTHBOOK = [sys.executable, "-m", "healthbook"]


class Walk:
    """One X server, one window manager and the app's environment."""

    def __init__(self, home: Path) -> None:
        self.env = dict(os.environ, DISPLAY=DISPLAY, QT_QPA_PLATFORM="xcb",
                        HOME=str(home), XDG_CONFIG_HOME=str(home / "config"),
                        XDG_DATA_HOME=str(home / "data"), XDG_CACHE_HOME=str(home / "cache"),
                        XDG_RUNTIME_DIR=str(home / "runtime"), TMPDIR=str(home / "tmp"),
                        HEALTHBOOK_PASSPHRASE=PASSPHRASE)
        for name in ("config", "data", "cache", "runtime", "tmp"):
            (home / name).mkdir(mode=0o700)
        self.procs: list[subprocess.Popen] = []
        self.shots: list[Path] = []

    def start(self, *cmd: str) -> subprocess.Popen:
        proc = subprocess.Popen(cmd, env=self.env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        self.procs.append(proc)
        return proc

    def run(self, *cmd: str) -> str:
        return subprocess.run(cmd, env=self.env, check=True, capture_output=True,
                              text=True).stdout

    def xdo(self, *args: str) -> str:
        return self.run("xdotool", *args)

    def wait_window(self, name: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", name],
                                   env=self.env, capture_output=True, text=True).stdout.split()
            if found:
                return found[-1]
            time.sleep(0.2)
        raise SystemExit(f"xvfb walk: no window named {name!r} appeared")

    def shot(self, name: str, settle: float = 1.5) -> str:
        """Screenshot of the whole screen (through Qt on the same display); returns a hash."""
        time.sleep(settle)
        path = OUT / f"xvfb-{name}.png"
        code = ("import sys; from PySide6.QtGui import QGuiApplication; "
                "app = QGuiApplication(sys.argv); "
                f"assert app.primaryScreen().grabWindow(0).save({str(path)!r})")
        self.run(sys.executable, "-c", code)
        self.shots.append(path)
        return hashlib.sha256(path.read_bytes()).hexdigest()

    def type(self, text: str) -> None:
        self.xdo("type", "--delay", "30", text)

    def key(self, *keys: str) -> None:
        self.xdo("key", "--delay", "80", *keys)

    def click(self, window: str, x: int, y: int) -> None:
        self.xdo("mousemove", "--window", window, str(x), str(y), "click", "1")

    def stop(self) -> None:
        for proc in reversed(self.procs):
            proc.terminate()
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                proc.kill()


def household(walk: Walk, path: Path) -> None:
    """A caregiver's vault made with the CLI: Mum (Carla's records) and Me (Clemente's)."""
    walk.run(*HEALTHBOOK, "init", str(path))  # the passphrase comes from the environment
    walk.run(*HEALTHBOOK, "people", str(path), "add", "Mum", "Me")
    walk.run(*HEALTHBOOK, "import", str(path), "--person", "Mum", str(CARLA))
    walk.run(*HEALTHBOOK, "import", str(path), "--person", "Me", str(CLEMENTE))


def laptop_journey(walk: Walk, vault: Path) -> None:
    app = walk.start(*HEALTHBOOK, "--vault", str(vault))
    win = walk.wait_window("Healthbook")
    walk.shot("01-unlock")
    walk.type(PASSPHRASE)  # typed at once, before any click
    walk.key("Return")
    overview = walk.shot("02-overview", settle=4)
    walk.click(win, 90, 128)  # the sidebar's third row: Labs
    walk.shot("03-labs", settle=2)
    walk.key("ctrl+l")
    locked = walk.shot("04-locked")
    if locked == overview:
        raise SystemExit("xvfb walk: Ctrl+L did not lock the window")
    walk.type(PASSPHRASE)
    walk.key("Return")
    walk.shot("05-unlocked-again", settle=4)
    app.terminate()
    app.wait(15)


def kiosk_journey(walk: Walk) -> None:
    folder = Path(walk.env["HOME"]) / "usb"
    folder.mkdir()
    shutil.copy(CARLA, folder / "carla.json")
    walk.run(sys.executable, "-c",
             "from healthbook.preferences import Preferences; p = Preferences.load(); "
             f"p.kiosk_folder = {str(folder)!r}; p.save()")
    app = walk.start(*HEALTHBOOK, "--kiosk")
    walk.wait_window("Staff")
    walk.type("135790")  # the staff PIN, asked twice
    walk.key("Return")
    time.sleep(0.8)
    walk.type("135790")
    walk.key("Return")
    walk.wait_window("Healthbook")
    walk.shot("10-kiosk-welcome")
    walk.key("Return")  # "Open my health export…" has the focus
    walk.wait_window("Open the visitor")
    walk.type("carla.json")
    walk.key("Return")
    walk.shot("11-kiosk-visitor", settle=5)
    app.terminate()
    app.wait(15)


def say(text: str) -> None:
    """One line on the terminal."""
    sys.stdout.write(text + "\n")


def main() -> int:
    for tool in ("Xvfb", "xdotool", "openbox"):
        if shutil.which(tool) is None:
            say(f"xvfb walk skipped: {tool} is not installed")
            return 0
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hb-walk-") as tmp:
        walk = Walk(Path(tmp))
        try:
            walk.start("Xvfb", DISPLAY, "-screen", "0", "1280x800x24", "-nolisten", "tcp")
            time.sleep(1.0)
            walk.start("openbox")
            time.sleep(0.5)
            vault = Path(tmp) / "household.vault"
            household(walk, vault)
            laptop_journey(walk, vault)
            kiosk_journey(walk)
        finally:
            walk.stop()
    for path in walk.shots:
        say(f"xvfb walk: {path.relative_to(ROOT)}")
    say(f"xvfb walk: {len(walk.shots)} screenshots")
    return 0


if __name__ == "__main__":
    sys.exit(main())
