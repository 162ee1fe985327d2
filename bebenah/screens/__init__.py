"""Each screen's parts, declared (no st.*, no SQL, no figures): the page, the presentation and the exports draw the same."""
