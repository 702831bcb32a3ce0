# SPDX-License-Identifier: GPL-2.0-or-later
"""conftest.py - the system tests' measured figures, printed at the end of the run
(pytest captures output; the terminal summary is always shown). The figures are
also appended to $WSATEND_TEST_FIGURES as they are measured (wsatend_sys.figure)."""
import wsatend_sys


pytest_terminal_summary = wsatend_sys.terminal_summary
