#!/usr/bin/env python3
"""Check the site's data without building it: `python hooks/check_data.py [PROJECT]` (exit 1 on any problem)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from nkexplainer.cli import main  # noqa: E402

sys.exit(main())
