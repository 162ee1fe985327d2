"""`python -m bebenah.demo --households N --out FILE`: build a demo database and print its summary."""

from bebenah.demo import main

main()
