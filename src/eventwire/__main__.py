"""`python -m eventwire ...` works like the `eventwire` command."""

from eventwire.cli import main

main()
