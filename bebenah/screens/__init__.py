"""The declared parts of each screen: what a page, a presentation and an export draw alike."""
