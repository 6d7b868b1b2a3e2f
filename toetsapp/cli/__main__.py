import sys

from toetsapp.cli import main

sys.exit(main())
