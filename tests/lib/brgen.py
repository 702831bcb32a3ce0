# SPDX-License-Identifier: GPL-2.0-or-later
"""brgen.py - random but valid Brazilian identifiers and contract dates, for every
Python test suite (cases, system, interop, client): CPF and CNPJ with their check
digits, old and Mercosul plates of the same vehicle, VINs with a correct check digit,
mobile phones, and xsd:dateTime values with an explicit offset."""
import random
import string
from datetime import datetime, timedelta, timezone


def cpf():
    while True:
        d = [random.randint(0, 9) for _ in range(9)]
        if len(set(d)) > 1:      # all digits equal is invalid
            break
    for n in (10, 11):
        s = sum(v * w for v, w in zip(d, range(n, 1, -1)))
        d.append((s * 10) % 11 % 10)
    return "".join(map(str, d))


def cnpj():
    d = [random.randint(0, 9) for _ in range(8)] + [0, 0, 0, 1]
    for weights in ([5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2], [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2]):
        s = sum(v * w for v, w in zip(d, weights)) % 11
        d.append(0 if s < 2 else 11 - s)
    return "".join(map(str, d))


def plate():
    """Old form, ABC1234 (letters that make no accidental words)."""
    return ("".join(random.choice("BCDFGHKLMNPRSTVWXZ") for _ in range(3))
            + "".join(random.choice(string.digits) for _ in range(4)))


def mercosul(old_plate):
    """The Mercosul form of the same plate: the fifth character 0-9 becomes A-J."""
    return old_plate[:4] + "ABCDEFGHIJ"[int(old_plate[4])] + old_plate[5:]


_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
_VIN_VALUES = dict(zip("ABCDEFGHJKLMNPRSTUVWXYZ",
                       [1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9]))
_VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]


def vin():
    v = [random.choice(_VIN_CHARS) for _ in range(17)]
    total = sum((int(c) if c.isdigit() else _VIN_VALUES[c]) * w for c, w in zip(v, _VIN_WEIGHTS))
    v[8] = "X" if total % 11 == 10 else str(total % 11)
    return "".join(v)


def phone():
    return "(11) 9%04d-%04d" % (random.randint(0, 9999), random.randint(0, 9999))


def xsd_time(offset_seconds=0):
    """Now (plus an offset) as xsd:dateTime at -03:00."""
    tz = timezone(timedelta(hours=-3))
    return (datetime.now(tz) + timedelta(seconds=offset_seconds)).strftime("%Y-%m-%dT%H:%M:%S-03:00")
