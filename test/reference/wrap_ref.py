#!/usr/bin/python3
"""Wraps one aca_ref.py output (stdin) into a committed fixture (argv[1]) with the exact command
(argv[2]) and the versions that produced it. aca_ref.py itself is used unmodified.

Rows are sorted (method, pool_fraction) so the fixture diffs cleanly between runs; 'seconds' is the
reference's own wall time for the whole run (load, every seed, all fits), a speed baseline only.
'firm' records which firm the command ran: 'aware' (--include-sensitive: the firm's model takes the
sensitive attribute as an input) or 'blind' (without it).
"""
import json
import platform
import sys

import numpy
import pandas
import sklearn

ref = json.load(sys.stdin)
order = {'base': 0, 'rb-prob': 1, 'rb-label': 2, 'rb-dist': 3, 'random': 4}
ref['rows'].sort(key=lambda r: (order.get(r['method'], 9), r['alpha'], r['pool_fraction']))
out = {
    'command': sys.argv[2],
    'reference': 'aca_ref.py (scikit-learn protocol oracle, unmodified; its path is in "command")',
    'firm': 'aware' if '--include-sensitive' in sys.argv[2].split() else 'blind',
    'versions': {'python': platform.python_version(), 'sklearn': sklearn.__version__, 'numpy': numpy.__version__,
                 'pandas': pandas.__version__},
    'machine': platform.machine(),
    **ref,
}
with open(sys.argv[1], 'w') as f:
    json.dump(out, f, indent=1)
    f.write('\n')
