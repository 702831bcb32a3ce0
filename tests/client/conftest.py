# SPDX-License-Identifier: GPL-2.0-or-later
"""conftest.py - shared fixtures for the bin/wsatend tests: where the binary is, and a
runner that gives the client a clean environment (no WSATEND_* from the developer's
shell, no ~/.config/wsatend) so a test sees only what it sets.

The binary: WSATEND_TEST_CLIENT (tests/run.sh points it at the sanitizer build),
else WSATEND_BIN, else <repo>/bin/wsatend.
"""
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]
BIN = pathlib.Path(os.environ.get("WSATEND_TEST_CLIENT") or os.environ.get("WSATEND_BIN")
                   or REPO / "bin" / "wsatend")


@pytest.fixture(scope="session")
def wsatend_bin():
    if not BIN.exists():
        pytest.skip(f"{BIN} not built (set WSATEND_BIN or build the client)")
    return str(BIN)


@pytest.fixture
def run(wsatend_bin, tmp_path):
    """run(*args, env={...}, stdin=None) -> CompletedProcess with text output."""

    def _run(*args, env=None, stdin=None, timeout=30):
        clean = {k: v for k, v in os.environ.items() if not k.startswith("WSATEND_")}
        clean["HOME"] = str(tmp_path)            # no ~/.config/wsatend of the developer
        clean["XDG_CONFIG_HOME"] = str(tmp_path / "xdg")
        clean.update(env or {})
        return subprocess.run([wsatend_bin, *args], env=clean, input=stdin, text=True,
                              capture_output=True, timeout=timeout)

    return _run

