"""Pantau Bebenah: monitoring dashboard for the Bebenah Karakter Keluarga programme."""
