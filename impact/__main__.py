"""``python -m impact`` still works: it hands over to the command line package, which
lives beside the domain (the domain itself knows nothing of the database)."""

import sys
from importlib import import_module

sys.exit(import_module("impact_cli.main").main())
