# SPDX-License-Identifier: GPL-2.0-or-later
"""conftest.py - interop tests share the system tests' helpers and figures
(tests/system/wsatend_sys.py); the summary is printed once whichever suite ran."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "system"))

import wsatend_sys  # noqa: E402


pytest_terminal_summary = wsatend_sys.terminal_summary
