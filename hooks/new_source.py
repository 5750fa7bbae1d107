#!/usr/bin/env python3
"""The editor's assistant for a new source: `python hooks/new_source.py seeds/<name>.txt`.

Checks the text, appends its record to data/sources.yml and prints what the data does not cover yet.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nkexplainer.assistant import main  # noqa: E402

sys.exit(main())
