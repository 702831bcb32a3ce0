# SPDX-License-Identifier: GPL-2.0-or-later
"""conftest.py - interop tests share the system tests' helpers and figures
(tests/system/wsatend_sys.py); the summary is printed once whichever suite ran."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "system"))

import wsatend_sys  # noqa: E402


def pytest_terminal_summary(terminalreporter):
    if not wsatend_sys.FIGURES or getattr(wsatend_sys, "_summary_printed", False):
        return
    wsatend_sys._summary_printed = True
    terminalreporter.section("figures measured")
    for name, value in wsatend_sys.FIGURES:
        terminalreporter.write_line("%s: %s" % (name, value))
