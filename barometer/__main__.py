"""`python -m barometer` runs the command-line interface."""

from barometer.cli import main

main()
