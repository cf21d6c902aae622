"""`python -m core.classify INPUT OUTPUT [--column NAME] [--model bag|rnn|lstm]`: bulk, streamed.

The bulk classifier's stable command; the code (and the full help: output columns,
streaming, sharding a large corpus across machines) lives in core.sentiment.classify.
"""

import sys

from core.sentiment.classify import main

if __name__ == "__main__":
    sys.exit(main())
