"""``python -m fanfmt``."""

from fanfmt.cli import main

main()
