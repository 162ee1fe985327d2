"""Each screen's parts, declared once: the page draws them, a presentation or an export can read the same."""
