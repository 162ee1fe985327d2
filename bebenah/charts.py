"""One look for every chart: projector-sized type, a colour-blind-safe palette, numbers per language."""

import plotly.graph_objects as go
import streamlit as st

from bebenah import i18n

# Okabe-Ito: distinguishable with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
# Ordered stages: light to dark blue, readable on a projector.
STAGE_COLOURS = ("#D55E00", "#E69F00", "#56B4E9", "#0072B2", "#003F6B")
PLOTLY_CONFIG = {"displaylogo": False, "topojsonURL": "/app/static/", "locale": "id"}


def style(fig: go.Figure, height: int = 420) -> go.Figure:
    """Apply the house style in place and return the figure."""
    fig.update_layout(
        template="plotly_white",
        colorway=list(PALETTE),
        font={"size": 16, "color": "#1a1a1a"},
        separators=i18n.plotly_separators(),
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hoverlabel={"font_size": 15},
    )
    return fig


def show(fig: go.Figure, key: str, height: int = 420, **kwargs):
    """Draw a styled figure; pass on_select="rerun" to get selection events back."""
    config = dict(PLOTLY_CONFIG, locale=i18n.language())
    # theme=None: Streamlit's theme would override the projector-sized fonts and the palette.
    return st.plotly_chart(style(fig, height), key=key, config=config, width="stretch", theme=None, **kwargs)
