"""Pantau Bebenah: monitoring dashboard for the Bebenah Karakter Keluarga programme."""

from datetime import date

# South Jakarta started the programme with 10 households in Tanjung Barat: nothing is dated before.
PROGRAMME_START = date(2023, 9, 13)
