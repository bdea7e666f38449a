import sys

from lakipcore.cli import main

sys.exit(main())
