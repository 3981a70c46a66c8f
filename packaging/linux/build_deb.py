"""Build the Debian/Ubuntu package from the PyInstaller bundle.

    python packaging/linux/build_deb.py dist/webleads-tracker dist/

Lays out /opt/webleads-tracker (the bundle), /usr/bin/webleads and /usr/bin/webleads-tracker (relative
symbolic links, so that `dpkg -x` into any folder gives working programs), the menu entry in
/usr/share/applications and the icons in /usr/share/icons/hicolor, then runs `dpkg-deb --build`.
The libraries the bundle expects from the system become the package's Depends: a library this list
does not know stops the build, so a new one cannot slip into a package that would not start.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NAME = "webleads-tracker"
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)

# What the bundle links to but PyInstaller leaves to the system (C library, OpenGL/EGL, the display
# protocols, which must match the user's machine), and the Debian package that provides it.
SYSTEM_LIBRARIES = {
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "libresolv.so.2": "libc6",
    "librt.so.1": "libc6",
    "ld-linux-x86-64.so.2": "libc6",
    "libGL.so.1": "libgl1",
    "libEGL.so.1": "libegl1",
    "libxcb.so.1": "libxcb1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}


def needed_from_system(bundle: Path) -> set[str]:
    """The DT_NEEDED names of the bundle's ELF files that the bundle itself does not hold."""
    inside = {p.name for p in bundle.rglob("*")}
    needed: set[str] = set()
    for path in bundle.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
        needed.update(n for n in re.findall(r"NEEDED\s+(\S+)", dump) if n not in inside)
    return needed


def depends(bundle: Path) -> str:
    needed = needed_from_system(bundle)
    unknown = sorted(needed - SYSTEM_LIBRARIES.keys())
    if unknown:
        raise SystemExit(
            f"the bundle needs system libraries build_deb.py does not know: {', '.join(unknown)} "
            "(add each to SYSTEM_LIBRARIES with its Debian package)"
        )
    libc = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", "libc6"], capture_output=True, text=True, check=True
    ).stdout
    packages = sorted({SYSTEM_LIBRARIES[n] for n in needed} - {"libc6"})
    # Built against this machine's C library: that version or newer.
    return ", ".join([f"libc6 (>= {libc.split('-')[0]})", *packages])


def build(bundle: Path, out: Path) -> Path:
    version = PROJECT["version"]
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True, check=True)
    arch_name = arch.stdout.strip()
    with tempfile.TemporaryDirectory(prefix="webleads-deb-") as folder:
        root = Path(folder) / "root"
        opt = root / "opt" / NAME
        shutil.copytree(bundle, opt, symlinks=True)
        bin_dir = root / "usr" / "bin"
        bin_dir.mkdir(parents=True)
        for program in ("webleads", NAME):
            if not (opt / program).is_file():
                raise SystemExit(f"{opt / program} is missing from the bundle")
            (bin_dir / program).symlink_to(Path("..", "..", "opt", NAME, program))
        applications = root / "usr" / "share" / "applications"
        applications.mkdir(parents=True)
        shutil.copyfile(ROOT / "packaging" / "linux" / f"{NAME}.desktop", applications / f"{NAME}.desktop")
        for size in ICON_SIZES:
            icons = root / "usr" / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
            icons.mkdir(parents=True)
            shutil.copyfile(ROOT / "resources" / "icons" / f"{NAME}-{size}.png", icons / f"{NAME}.png")
        doc = root / "usr" / "share" / "doc" / NAME
        doc.mkdir(parents=True)
        shutil.copyfile(ROOT / "LICENSE", doc / "copyright")
        shutil.copyfile(ROOT / "THIRD_PARTY_NOTICES.md", doc / "THIRD_PARTY_NOTICES.md")

        size_kib = (
            sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024
        )
        control_dir = root / "DEBIAN"
        control_dir.mkdir()
        (control_dir / "control").write_text(
            f"Package: {NAME}\n"
            f"Version: {version}\n"
            f"Architecture: {arch_name}\n"
            "Maintainer: webleads-tracker <contact@webleads-tracker.invalid>\n"
            f"Installed-Size: {size_kib}\n"
            f"Depends: {depends(opt)}\n"
            "Section: misc\n"
            "Priority: optional\n"
            f"Description: {PROJECT['description']}\n"
            " Le fichier des contacts et de la source de leurs données, les formulaires de\n"
            " consentement, les partenaires, les campagnes de courrier (étiquettes et lettres)\n"
            " et les règles d'appel de 2026 ; les registres que la CNIL peut demander.\n"
            " Programmes : webleads-tracker (la fenêtre) et webleads (la ligne de commande).\n",
            encoding="utf-8",
        )
        for path in [root, *root.rglob("*")]:  # root:root, readable by all, whatever the umask
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() or os.access(path, os.X_OK) else 0o644)
        out.mkdir(parents=True, exist_ok=True)
        deb = out / f"{NAME}_{version}_{arch_name}.deb"
        subprocess.run(
            ["dpkg-deb", "--root-owner-group", "-Zxz", "-z6", "--build", str(root), str(deb)], check=True
        )
    return deb


def main() -> int:
    if len(sys.argv) != 3:
        raise SystemExit(__doc__)
    deb = build(Path(sys.argv[1]).resolve(), Path(sys.argv[2]).resolve())
    print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
