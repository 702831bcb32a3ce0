# SPDX-License-Identifier: GPL-2.0-or-later
"""conftest.py - the system tests' measured figures, printed at the end of the run
(pytest captures output; the terminal summary is always shown). The figures are
also appended to $WSATEND_TEST_FIGURES as they are measured (wsatend_sys.figure)."""
import wsatend_sys


def pytest_terminal_summary(terminalreporter):
    if not wsatend_sys.FIGURES or getattr(wsatend_sys, "_summary_printed", False):
        return
    wsatend_sys._summary_printed = True
    terminalreporter.section("figures measured")
    for name, value in wsatend_sys.FIGURES:
        terminalreporter.write_line("%s: %s" % (name, value))
