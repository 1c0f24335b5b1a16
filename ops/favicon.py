"""Draw static/img/favicon.ico and apple-touch-icon.png from the shapes of static/img/logo.svg.

Pillow only (no SVG renderer needed): the same circles and star, drawn four times larger and
scaled down for smooth edges. Run again after changing the logo: `python ops/favicon.py`.
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw

IMG = Path(__file__).resolve().parent.parent / "static" / "img"
BLUE, RED, GOLD, WHITE = "#0f4c92", "#cf1f2b", "#ffd43b", "#ffffff"


def draw(size: int) -> Image.Image:
    scale = size * 4 / 64
    image = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)

    def circle(radius, fill):
        c = 32 * scale
        pen.ellipse([c - radius * scale, c - radius * scale, c + radius * scale,
                     c + radius * scale], fill=fill)

    pen.rounded_rectangle([0, 0, 64 * scale - 1, 64 * scale - 1], radius=14 * scale, fill=BLUE)
    for tooth in range(16):  # the gear's teeth: 16 dashes on a ring of radius 19
        start = tooth * 22.5
        pen.arc([(32 - 22.5) * scale, (32 - 22.5) * scale, (32 + 22.5) * scale,
                 (32 + 22.5) * scale], start, start + 11.25, fill=WHITE, width=round(7 * scale))
    circle(16.5, WHITE)
    circle(13, RED)
    points = []
    for i in range(10):
        radius = 9.5 if i % 2 == 0 else 3.9
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(((32 + radius * math.cos(angle)) * scale,
                       (32.4 + radius * math.sin(angle)) * scale))
    pen.polygon(points, fill=GOLD)
    return image.resize((size, size), Image.LANCZOS)


if __name__ == "__main__":
    draw(180).save(IMG / "apple-touch-icon.png", optimize=True)
    draw(64).save(IMG / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48), (64, 64)])
    draw(32).save(IMG / "favicon-32.png", optimize=True)
