"""``python -m impact_cli``: the same as the ``impact`` command."""

import sys

from impact_cli.main import main

sys.exit(main())
