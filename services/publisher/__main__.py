"""`python -m services.publisher COMMAND`: the publisher's commands without the other services'."""

import sys

from services.publisher.cli import main

sys.exit(main())
