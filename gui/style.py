"""Projector-friendly look: light background, thick lines, large type, Okabe-Ito colours.

Every series also differs by line style or fill, so nothing depends on colour alone.
"""

from __future__ import annotations

import math

from .bundle import ASSETS as ASSETS  # a checkout's or the double-click app's assets

# Okabe & Ito (2008), safe for the common colour-vision deficiencies.
BLACK = "#000000"
ORANGE = "#E69F00"
SKY = "#56B4E9"
GREEN = "#009E73"
YELLOW = "#F0E442"
BLUE = "#0072B2"
VERMILLION = "#D55E00"
PURPLE = "#CC79A7"
GREY = "#6E6E6E"

TRUTH = BLUE  # p: the world
BELIEF = ORANGE  # q: the agent
SURPRISE = GREY  # running mean of sampled surprise
CROSS = VERMILLION  # H(p,q)
FLOOR = BLUE  # H(p)
GAP = "#F5C7A8"  # D(p‖q) fill (a light vermillion)
GAP_MARK = "#EFA57A"  # its legend swatch: the same hue, dark enough to see on white
AGENT = VERMILLION
GLOBAL = GREEN
LOCAL = PURPLE

# A race: one colour, line style and landscape symbol per learner (A is the lead).  Never
# blue dashes: that is the floor H(p).
RACE_LETTERS = ("A", "B", "C", "D")
RACE_COLOURS = (VERMILLION, BLACK, PURPLE, ORANGE)
RACE_LINES = ("solid", "dash", "dashdot", "dot")
RACE_SYMBOLS = ("o", "s", "d", "t")
# Their names as text: the same hues, dark enough to read (contrast at least 4.5 : 1).
RACE_TEXT = ("#A33F00", BLACK, "#8E3B6F", "#8A5A00")

BASE_POINT_SIZE = 13
LINE_WIDTH = 4
READOUT_POINT_SIZE = 26
# Compact: the views are narrow (a 1280-pixel screen with the controls open).  Readouts and
# plot titles get smaller so that nothing is cut off; MainWindow switches it as it resizes.
COMPACT_READOUT_FACTOR = 0.7

# Text and line widths are multiplied by a window's scale: Ctrl+= / Ctrl+- and presentation
# mode set it through MainWindow.set_scale, which then asks every view to apply_style() again.
SCALE_RANGE = (0.6, 3.0)
PRESENTATION_FACTOR = 1.4  # the least presentation mode enlarges, whatever the screen

# Presentation mode is for the back row: its smallest text (tick labels, legends, captions)
# is at least this share of the screen's height (24 px at 1080, 17 px at 768), and its
# readouts larger still.  While presenting, the "small" text roles all take the base size.
MIN_TEXT_SHARE = 0.022


def presentation_scale(height_px: float, dpi: float, user_scale: float = 1.0) -> float:
    """The scale at which the base text is at least MIN_TEXT_SHARE of ``height_px`` pixels.

    ``dpi`` is the screen's logical dots per inch (points are 1/72 inch).  Sizes follow the
    screen, so a 768-line projector and a 2160-line monitor both get text the back row can
    read; the teacher's own text size (Ctrl+=) can enlarge it further, never shrink it.
    """
    needed_pt = MIN_TEXT_SHARE * height_px * 72.0 / max(dpi, 1.0)
    return max(needed_pt / BASE_POINT_SIZE, PRESENTATION_FACTOR * 0.7) * max(user_scale, 1.0)


STYLESHEET = """
QWidget { font-size: %(base)dpt; }
QGroupBox { font-weight: bold; margin-top: 14px; }
QGroupBox::title { subcontrol-origin: margin; left: 6px; padding: 0 4px; }
QLabel#readoutValue { font-size: %(readout)dpt; font-weight: bold; }
QLabel#readoutName { font-size: %(small)dpt; color: #333333; }
QLabel#fieldError { color: #B03A00; font-weight: bold; }
QLabel#fieldOk { color: #006B4E; }
QPushButton { padding: 6px 14px; }
QPushButton#play { font-weight: bold; }
QLabel#raceHead { font-size: %(base)dpt; font-weight: bold; }
QLabel#raceValue { font-size: %(race)dpt; font-weight: bold; }
QLabel#lessonTitle { font-size: %(title)dpt; font-weight: bold; }
QLabel#lessonFormula { font-size: %(title)dpt; color: #0072B2; font-family: "DejaVu Serif", serif; }
QLabel#lessonText { font-size: %(base)dpt; }
QLabel#lessonQuestion { font-size: %(base)dpt; font-weight: bold; color: #7A3A00; }
QLabel#lessonAnswer { font-size: %(base)dpt; background: #E8F4EE; padding: 6px; }
QLabel#beliefCaption { font-size: %(caption)dpt; font-weight: bold; color: #000000; }
QLabel#plotTitle { font-size: %(title)dpt; color: #000000; }
QLabel#legend { font-size: %(small)dpt; color: #000000; }
QLabel#gapValue { font-size: %(base)dpt; font-weight: bold; color: #A33F00; }
QWidget#welcome { background: #FFF4CC; }
QLabel#statusLine { font-size: %(status)dpt; font-weight: bold; color: #FFFFFF; background: #1F3A5F; padding: 4px 12px; }
"""


class Theme:
    """One window's look: its text scale, compact or not, presenting or not.

    Each top-level window owns one (``window.theme``); its widgets find it with
    :func:`theme_of`.  Nothing is shared between windows: a presenting window never makes
    another window's text presentation-sized.  (A plain class, not a dataclass: making a
    dataclass compiles its methods, at every start-up.)
    """

    __slots__ = ("compact", "presenting", "scale")
    __hash__ = None  # type: ignore[assignment]  # mutable: compared, never a key

    def __init__(self, scale: float = 1.0, compact: bool = False, presenting: bool = False):
        self.scale = scale
        self.compact = compact  # narrow views: smaller readouts and plot titles
        self.presenting = presenting  # presentation mode: the small text roles take the base size

    def _key(self) -> tuple[float, bool, bool]:
        return (self.scale, self.compact, self.presenting)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Theme):
            return NotImplemented
        return self._key() == other._key()

    def __repr__(self) -> str:
        return (
            f"Theme(scale={self.scale!r}, compact={self.compact!r}, presenting={self.presenting!r})"
        )

    def readout_size(self) -> float:
        return READOUT_POINT_SIZE * (COMPACT_READOUT_FACTOR if self.compact else 1.0)

    def title_size(self) -> float:
        return BASE_POINT_SIZE + (0 if self.compact else 3)

    def small_size(self, drop: float) -> float:
        """A secondary text size ``drop`` points below the base; the base itself while presenting."""
        return BASE_POINT_SIZE if self.presenting else BASE_POINT_SIZE - drop

    def pt(self, size: float, scale: float | None = None) -> int:
        """A point size at this scale (rounded up while presenting: never below the rule)."""
        scaled = size * (self.scale if scale is None else scale)
        return max(6, math.ceil(scaled - 1e-9) if self.presenting else round(scaled))

    def lw(self, width: float) -> float:
        """A line width (pixels) at this scale."""
        return width * self.scale

    def stylesheet(self, scale: float | None = None) -> str:
        """The window's style sheet (at ``scale`` instead of the theme's, if given)."""
        return STYLESHEET % {
            "base": self.pt(BASE_POINT_SIZE, scale),
            "readout": self.pt(self.readout_size(), scale),
            "small": self.pt(self.small_size(1), scale),
            "title": self.pt(BASE_POINT_SIZE + 4, scale),
            "race": self.pt(BASE_POINT_SIZE + (1 if self.compact else 5), scale),
            "status": self.pt(BASE_POINT_SIZE + 1, scale),
            "caption": self.pt(BASE_POINT_SIZE + 4, scale),
        }


def theme_of(widget) -> Theme:
    """The theme of the window ``widget`` belongs to (a plain one outside any themed window).

    The nearest widget up the parent chain with a ``theme`` of its own decides, so a child
    window (the experiments window) follows the window it belongs to, as its style sheet does.
    """
    while widget is not None:
        theme = getattr(widget, "__dict__", {}).get("theme")
        if isinstance(theme, Theme):
            return theme
        widget = widget.parentWidget()
    return Theme()
