"""Horizontal bar charts drawn on the server as SVG: the geometry only, the
markup is in templates/territories/includes/bar_chart.html. No style
attribute (the Content-Security-Policy forbids them): the colours are classes.
"""

from dataclasses import dataclass

from carrefour.numbers import thousands

WIDTH = 640
LABEL_WIDTH = 250
VALUE_WIDTH = 60
BAR_HEIGHT = 20
GAP = 8


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    text: str
    y: int
    width: float

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT * 0.75

    @property
    def value_x(self):
        return LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list

    @property
    def height(self):
        return len(self.bars) * (BAR_HEIGHT + GAP)

    @property
    def view_box(self):
        return f"0 0 {WIDTH} {self.height}"

    @property
    def bar_x(self):
        return LABEL_WIDTH

    @property
    def label_x(self):
        return LABEL_WIDTH - 8

    @property
    def bar_height(self):
        return BAR_HEIGHT


def bar_chart(title, items):
    """A chart of `items`, (label, value) pairs, the longest bar filling the width."""
    items = list(items)
    largest = max((value for _label, value in items), default=0) or 1
    room = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = [
        Bar(
            label=str(label),
            value=value,
            text=thousands(value),
            y=index * (BAR_HEIGHT + GAP),
            width=round(room * value / largest, 1),
        )
        for index, (label, value) in enumerate(items)
    ]
    return BarChart(title=title, bars=bars)
