import sys

from k0slint.cli import main

sys.exit(main())
