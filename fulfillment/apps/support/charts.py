"""Charts as inline SVG, rendered on the server: no JavaScript, nothing to load, prints well.

Each chart scales with its container (viewBox + width 100%). Colours come from CSS classes in support.css."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

Format = Callable[[float], str]
EMPTY = "No data in this period."
"""Drawn instead of an empty chart; pages pass it in the reader's language (`empty=`)."""


def plain(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _nice_max(value: float) -> float:
    """A round axis maximum at or above `value` (1, 2, 2.5, 5 x 10^n)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** (len(str(int(value))) - 1) if value >= 1 else 0.1
    for step in (1, 2, 2.5, 5, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def _svg(width: int, height: int, label: str, body: list[str]) -> Markup:
    head = (f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
            f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg"><title>{escape(label)}</title>')
    return Markup(head + "".join(body) + "</svg>")


def column_chart(points: Sequence[tuple[str, float]], label: str, fmt: Format = plain, empty: str = EMPTY) -> Markup:
    """Vertical bars over time (one per day); every few x labels are shown so they never overlap."""
    width, height, left, bottom, top = 640, 220, 48, 28, 12
    if not points:
        return _svg(width, 60, label, [f'<text x="10" y="30" class="chart-empty">{escape(empty)}</text>'])
    top_value = _nice_max(max(v for _, v in points))
    plot_w, plot_h = width - left - 8, height - top - bottom
    slot = plot_w / len(points)
    body = []
    for i in range(5):  # grid lines and y labels
        value = top_value * i / 4
        y = top + plot_h - plot_h * i / 4
        body.append(f'<line x1="{left}" x2="{width - 8}" y1="{y:.1f}" y2="{y:.1f}" class="chart-grid"/>')
        body.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="chart-axis">'
                    f'{escape(fmt(value))}</text>')
    every = max(1, round(len(points) / 8))
    for i, (name, value) in enumerate(points):
        h = plot_h * value / top_value
        x = left + i * slot + slot * 0.15
        body.append(f'<rect x="{x:.1f}" y="{top + plot_h - h:.1f}" width="{slot * 0.7:.1f}" height="{h:.1f}" '
                    f'class="chart-bar"><title>{escape(name)}: {escape(fmt(value))}</title></rect>')
        if i % every == 0:
            body.append(f'<text x="{x + slot * 0.35:.1f}" y="{height - 8}" text-anchor="middle" '
                        f'class="chart-axis">{escape(name[5:] if len(name) == 10 else name)}</text>')
    return _svg(width, height, label, body)


def bar_chart(items: Sequence[tuple[str, float]], label: str, fmt: Format = plain,
              values: Sequence[float] | None = None, empty: str = EMPTY) -> Markup:
    """Horizontal bars with their names, longest first as given. `values` may override the bar lengths
    (e.g. shares) while `fmt` prints the item's own value."""
    row, width, name_w = 26, 640, 200
    if not items:
        return _svg(width, 40, label, [f'<text x="10" y="25" class="chart-empty">{escape(empty)}</text>'])
    lengths = list(values) if values is not None else [v for _, v in items]
    top_value = max(lengths) or 1
    bar_space = width - name_w - 90
    body = []
    for i, ((name, value), length) in enumerate(zip(items, lengths, strict=True)):
        y = i * row + 4
        shown = name if len(name) <= 30 else name[:29] + "…"
        w = max(1.0, bar_space * length / top_value)
        body.append(f'<text x="{name_w - 8}" y="{y + 15}" text-anchor="end" class="chart-label">{escape(shown)}</text>')
        body.append(f'<rect x="{name_w}" y="{y + 2}" width="{w:.1f}" height="{row - 10}" class="chart-bar">'
                    f'<title>{escape(name)}: {escape(fmt(value))}</title></rect>')
        body.append(f'<text x="{name_w + w + 6:.1f}" y="{y + 15}" class="chart-value">{escape(fmt(value))}</text>')
    return _svg(width, len(items) * row + 8, label, body)


def paired_bar_chart(items: Sequence[tuple[str, float, float]], label: str, legend: tuple[str, str],
                     fmt: Format = plain, empty: str = EMPTY) -> Markup:
    """Two horizontal bars per item (e.g. p50 and p95 latency of each stage) on one shared scale."""
    row, width, name_w = 40, 640, 110
    if not items:
        return _svg(width, 40, label, [f'<text x="10" y="25" class="chart-empty">{escape(empty)}</text>'])
    top_value = max(max(a, b) for _, a, b in items) or 1
    bar_space = width - name_w - 90
    body = [
        f'<rect x="{name_w}" y="4" width="12" height="10" class="chart-bar"/>'
        f'<text x="{name_w + 16}" y="13" class="chart-axis">{escape(legend[0])}</text>',
        f'<rect x="{name_w + 80}" y="4" width="12" height="10" class="chart-bar-alt"/>'
        f'<text x="{name_w + 96}" y="13" class="chart-axis">{escape(legend[1])}</text>',
    ]
    for i, (name, a, b) in enumerate(items):
        y = 22 + i * row
        body.append(f'<text x="{name_w - 8}" y="{y + 19}" text-anchor="end" class="chart-label">{escape(name)}</text>')
        for j, (value, css) in enumerate(((a, "chart-bar"), (b, "chart-bar-alt"))):
            w = max(1.0, bar_space * value / top_value)
            by = y + 2 + j * 16
            body.append(f'<rect x="{name_w}" y="{by}" width="{w:.1f}" height="13" class="{css}">'
                        f'<title>{escape(name)} {escape(legend[j])}: {escape(fmt(value))}</title></rect>')
            body.append(f'<text x="{name_w + w + 6:.1f}" y="{by + 11}" class="chart-value">{escape(fmt(value))}</text>')
    return _svg(width, 26 + len(items) * row, label, body)


def rate_meter(value: float | None, label: str) -> Markup:
    """A thin horizontal gauge for a rate between 0 and 1."""
    if value is None:
        return Markup("")
    w = 300 * max(0.0, min(1.0, value))
    return _svg(300, 10, label, ['<rect x="0" y="0" width="300" height="10" rx="5" class="chart-track"/>',
                                 f'<rect x="0" y="0" width="{w:.1f}" height="10" rx="5" class="chart-bar"/>'])
