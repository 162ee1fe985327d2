"""Pantau Bebenah: monitoring dashboard for the Bebenah Karakter Keluarga programme."""

from datetime import date

# South Jakarta started the programme with 10 households in Tanjung Barat: nothing is dated before.
PROGRAMME_START = date(2023, 9, 13)
# The pilot: the households enrolled in Kelurahan Tanjung Barat in 2023; everyone else is the rollout.
PILOT_KELURAHAN = "31.74.09.1005"
PILOT_YEAR = 2023
