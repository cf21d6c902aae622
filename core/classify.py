"""`python -m core.classify INPUT OUTPUT [--column NAME]`: the bulk classifier's stable command.

The code lives in core.sentiment.classify; this path is the documented entry point.
"""

import sys

from core.sentiment.classify import main

if __name__ == "__main__":
    sys.exit(main())
