"""The pictures of the demo's "real or fake?" examples, drawn here with
Pillow: the project made them, so it may ship them under its own licence,
and nothing is downloaded. Each is a flat illustration of its example, with
the clues the lesson talks about drawn in (a date stamp, a six-fingered
hand, a blurred edge, a jumble of letters) and no words in any language:
the caption and the alternative text, in the learner's language, are in the
data files (`image:` and `image_alt_text` of a real_or_fake block).

`draw(name)` returns PNG bytes; the loader stores each picture once, as a
Wagtail image titled "Example: <name>"."""

import io
import random

from PIL import Image, ImageDraw, ImageFilter

WIDTH, HEIGHT = 640, 400
SKY = "#9fc5e8"
GREY_SKY = "#8d99a6"
FLOOD = "#8b6a43"
FLOOD_DARK = "#6f5434"
SKIN = "#c68c5a"
GOLDEN = (255, 196, 110)

DRAWINGS = {}


def drawing(name):
    def register(function):
        DRAWINGS[name] = function
        return function

    return register


def draw(name: str) -> bytes:
    if name not in DRAWINGS:
        raise KeyError(f"No demo picture is called {name!r}; the pictures are: {', '.join(sorted(DRAWINGS))}")
    canvas = Image.new("RGB", (WIDTH, HEIGHT), "white")
    canvas = DRAWINGS[name](canvas) or canvas
    buffer = io.BytesIO()
    canvas.quantize(colors=96).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# --- pieces -------------------------------------------------------------------------


def pseudo_script(draw, x, y, width, height, seed, colour="white"):
    """Marks that look like writing in a script the learner cannot read:
    loops, hooks and bars, in a row."""
    rng = random.Random(seed)
    step = height * 0.8
    cx = x
    while cx + step < x + width:
        kind = rng.randrange(4)
        box = [cx, y, cx + step * 0.7, y + height]
        if kind == 0:
            draw.arc(box, 20, 340, fill=colour, width=3)
        elif kind == 1:
            draw.line([cx, y + height, cx + step * 0.35, y, cx + step * 0.7, y + height], fill=colour, width=3)
        elif kind == 2:
            draw.ellipse([cx, y + height * 0.4, cx + step * 0.5, y + height], outline=colour, width=3)
            draw.line([cx + step * 0.5, y, cx + step * 0.5, y + height], fill=colour, width=3)
        else:
            draw.line([cx, y + height * 0.2, cx + step * 0.7, y + height * 0.2], fill=colour, width=3)
            draw.arc([cx, y + height * 0.2, cx + step * 0.7, y + height], 0, 180, fill=colour, width=3)
        cx += step


def jumbled_letters(draw, x, y, count, size, seed, colour):
    """Letter-like shapes that are not letters: what AI tools often paint instead of writing."""
    rng = random.Random(seed)
    for n in range(count):
        left = x + n * size * 0.9
        points = [(left + rng.random() * size * 0.7, y + rng.random() * size) for _ in range(4)]
        draw.line(points, fill=colour, width=max(2, size // 8))


def shop_row(draw, top, bottom, seed, signs="script"):
    colours = ["#e06666", "#f6b26b", "#93c47d", "#6fa8dc", "#c27ba0", "#ffd966"]
    rng = random.Random(seed)
    x = 0
    while x < WIDTH:
        width = rng.randrange(110, 170)
        colour = colours[rng.randrange(len(colours))]
        draw.rectangle([x, top, x + width - 6, bottom], fill=colour, outline="#444444", width=2)
        draw.rectangle([x + 10, top + 10, x + width - 16, top + 44], fill="#333333")
        if signs == "script":
            pseudo_script(draw, x + 16, top + 16, width - 40, 22, seed=x + seed)
        elif signs == "jumble":
            jumbled_letters(draw, x + 16, top + 16, 5, 24, seed=x + seed, colour="#ffe599")
        else:
            for line in range(2):
                draw.rectangle(
                    [x + 18, top + 18 + line * 12, x + width - 30 - line * 20, top + 24 + line * 12], fill="#dddddd"
                )
        draw.rectangle([x + 14, top + 60, x + width - 20, bottom - 4], fill="#5b4a3a")
        x += width


def flood_water(draw, level, seed, colour=FLOOD):
    draw.rectangle([0, level, WIDTH, HEIGHT], fill=colour)
    rng = random.Random(seed)
    for _ in range(40):
        x, y = rng.randrange(WIDTH), rng.randrange(level + 5, HEIGHT)
        draw.line([x, y, x + rng.randrange(15, 45), y], fill=FLOOD_DARK, width=2)


def person(draw, x, y, scale=1.0, shirt="#3d85c6", skin=SKIN):
    """A simple standing figure, feet at (x, y)."""
    s = scale
    draw.ellipse([x - 9 * s, y - 78 * s, x + 9 * s, y - 60 * s], fill=skin)
    draw.rounded_rectangle([x - 13 * s, y - 60 * s, x + 13 * s, y - 25 * s], radius=6 * s, fill=shirt)
    draw.rectangle([x - 11 * s, y - 25 * s, x - 2 * s, y], fill="#3c3c3c")
    draw.rectangle([x + 2 * s, y - 25 * s, x + 11 * s, y], fill="#3c3c3c")


def boat(draw, x, y, width, colour="#f1c232"):
    draw.polygon([(x, y), (x + width, y), (x + width - 30, y + 34), (x + 30, y + 34)], fill=colour, outline="#7f6000")


def date_stamp(draw, text):
    """Digits in the corner, as an old camera printed them: a clue, in no language."""
    x, y = WIDTH - 150, HEIGHT - 40
    draw.rectangle([x - 6, y - 4, WIDTH - 12, HEIGHT - 12], fill="#222222")
    draw.text((x, y), text, fill="#ffb000", font_size=22)


def golden_light(canvas, strength=0.35):
    """The soft, golden, film-poster light typical of AI pictures."""
    glow = Image.new("RGB", canvas.size, GOLDEN)
    return Image.blend(canvas, glow, strength)


# --- the examples -------------------------------------------------------------------------


@drawing("flood-street-old-photo")
def flood_street_old_photo(canvas):
    """check-before-you-share, "Check the claim": a real flood photo from
    elsewhere, years ago, shared as 'right now'. Signs in a foreign script."""
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, WIDTH, 120], fill=GREY_SKY)
    shop_row(draw, 90, 300, seed=7, signs="script")
    for x in (60, 250, 470):  # car roofs just above the water
        draw.rounded_rectangle([x, 262, x + 110, 290], radius=12, fill="#cccccc", outline="#555555")
    flood_water(draw, 280, seed=3)
    boat(draw, 300, 300, 190)
    for n, shirt in enumerate(("#cc0000", "#38761d", "#1155cc")):
        person(draw, 350 + n * 40, 310, 0.6, shirt=shirt)


@drawing("flood-market-2017")
def flood_market_2017(canvas):
    """check-before-you-share quiz: an old flood photo with its date in the corner."""
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, WIDTH, 110], fill=SKY)
    shop_row(draw, 80, 320, seed=11, signs="script")
    flood_water(draw, 300, seed=5)
    person(draw, 260, 350, 1.0, shirt="#e69138")
    # the motorbike he pushes
    draw.ellipse([285, 318, 325, 358], outline="#222222", width=5)
    draw.ellipse([365, 318, 405, 358], outline="#222222", width=5)
    draw.polygon([(300, 318), (390, 318), (370, 292), (315, 296)], fill="#990000")
    draw.line([(272, 292), (300, 300)], fill=SKIN, width=6)
    date_stamp(draw, "03.01.2017")


@drawing("ai-woodcarver")
def ai_woodcarver(canvas):
    """ai-images-voices-deepfakes, lesson 1: an AI picture of an old man and a
    carved boat; six fingers, a sign of twisted letters, plastic skin."""
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#d9c3a0")
    draw.rectangle([360, 20, 620, 90], fill="#6b4f2c")
    jumbled_letters(draw, 380, 35, 9, 30, seed=4, colour="#ffe599")
    # the man: white beard, smooth shiny face
    draw.ellipse([90, 60, 210, 190], fill="#e0a878")
    draw.ellipse([122, 115, 138, 126], fill="#3b2a20")
    draw.ellipse([162, 115, 178, 126], fill="#3b2a20")
    draw.arc([90, 55, 210, 130], 200, 340, fill="#f3f3f3", width=8)
    draw.polygon([(95, 150), (205, 150), (180, 290), (120, 290)], fill="#f3f3f3")
    draw.rounded_rectangle([60, 230, 250, 400], radius=30, fill="#3d5a80")
    # the boat, huge and detailed
    draw.polygon([(250, 300), (600, 300), (560, 360), (290, 360)], fill="#8b5a2b", outline="#4a2f14", width=3)
    for n in range(12):
        draw.line([(300 + n * 22, 305), (300 + n * 22, 355)], fill="#5c3a17", width=2)
    draw.line([(425, 300), (425, 120)], fill="#4a2f14", width=6)
    draw.polygon([(430, 125), (540, 280), (430, 280)], fill="#f4ede1", outline="#8b5a2b")
    draw.polygon([(420, 140), (330, 280), (420, 280)], fill="#efe6d6", outline="#8b5a2b")
    # the hand on the boat: six fingers
    draw.ellipse([250, 300, 300, 345], fill="#e0a878")
    for n in range(6):
        draw.rounded_rectangle([247 + n * 9, 270, 255 + n * 9, 310], radius=4, fill="#e0a878", outline="#b07a4f")
    return golden_light(canvas, 0.3)


@drawing("flood-rescue-genuine")
def flood_rescue_genuine(canvas):
    """ai-images-voices-deepfakes, lesson 2: a real photo of volunteers in a
    flood; the reflection in moving water is wavy, as reflections are."""
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, WIDTH, 130], fill=GREY_SKY)
    shop_row(draw, 70, 240, seed=21, signs="plain")
    flood_water(draw, 240, seed=9, colour="#8e7350")
    # the broken reflection of a sign
    rng = random.Random(2)
    for n in range(9):
        offset = rng.randrange(-12, 12)
        draw.rectangle([90 + offset, 250 + n * 6, 200 + offset, 253 + n * 6], fill="#4a4a4a")
    boat(draw, 280, 268, 200, colour="#3c78d8")
    person(draw, 350, 280, 0.55, shirt="#b4a7d6")
    person(draw, 400, 280, 0.55, shirt="#d5a6bd")
    for x in (250, 505):  # volunteers in orange vests, waist-deep
        draw.ellipse([x - 10, 218, x + 10, 238], fill=SKIN)
        draw.rounded_rectangle([x - 15, 238, x + 15, 275], radius=6, fill="#ff7f00")


@drawing("classmate-vape-edited")
def classmate_vape_edited(canvas):
    """ai-images-voices-deepfakes, lesson 4: a real profile photo pasted onto a
    new background with AI: blurred edges, light and shadow that disagree."""
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, WIDTH, 240], fill="#cfd8dc")
    draw.rectangle([0, 240, WIDTH, HEIGHT], fill="#a1887f")
    draw.rectangle([380, 60, 600, 240], fill="#90a4ae", outline="#607d8b", width=3)  # the canteen wall
    draw.ellipse([520, 20, 580, 80], fill="#fff2cc")  # the sun, on the right
    # her shadow falls to the right too, towards the sun
    draw.polygon([(300, 380), (330, 380), (470, 330), (440, 330)], fill="#7b5e57")
    figure = Image.new("RGBA", (200, 330), (0, 0, 0, 0))
    fdraw = ImageDraw.Draw(figure)
    fdraw.ellipse([60, 10, 140, 100], fill="#3b2a20")  # hair
    fdraw.ellipse([70, 30, 130, 100], fill=SKIN)
    fdraw.ellipse([68, 30, 100, 100], fill="#e3b08a")  # lit from the left
    fdraw.rounded_rectangle([45, 100, 155, 230], radius=20, fill="white")  # school uniform
    fdraw.rectangle([60, 230, 140, 320], fill="#1f3864")
    blurred = figure.filter(ImageFilter.GaussianBlur(3))
    canvas.paste(blurred, (220, 60), blurred)
    draw = ImageDraw.Draw(canvas)
    for dx, dy, r in ((0, 0, 30), (35, -20, 38), (75, -30, 44)):
        draw.ellipse([350 + dx - r, 110 + dy - r, 350 + dx + r, 110 + dy + r], fill=(235, 235, 235))


@drawing("ai-flood-girl")
def ai_flood_girl(canvas):
    """ai-images-voices-deepfakes quiz: an AI picture made to collect shares:
    a melting hand, a jumble of letters on the boat, golden film light."""
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, WIDTH, 200], fill="#c9a46b")
    for x in range(0, WIDTH, 130):  # roofs just above the water
        draw.polygon([(x, 200), (x + 65, 150), (x + 130, 200)], fill="#7f4f24")
    flood_water(draw, 200, seed=13)
    draw.polygon([(150, 280), (490, 280), (450, 350), (190, 350)], fill="#e6e6e6", outline="#999999", width=3)
    jumbled_letters(draw, 220, 300, 10, 26, seed=8, colour="#cc0000")
    # the girl in a pink raincoat, hugging a puppy
    draw.ellipse([290, 150, 350, 210], fill="#f4a6c6")  # hood
    draw.ellipse([300, 165, 340, 205], fill=SKIN)
    draw.rounded_rectangle([275, 205, 365, 285], radius=20, fill="#ff69b4")
    draw.ellipse([330, 225, 395, 275], fill="#c8a27a")  # the puppy
    draw.ellipse([375, 215, 405, 245], fill="#b38b5d")
    # her hand melts into the fur
    hand = Image.new("RGBA", (70, 40), (0, 0, 0, 0))
    ImageDraw.Draw(hand).ellipse([0, 0, 70, 40], fill=SKIN)
    hand = hand.filter(ImageFilter.GaussianBlur(6))
    canvas.paste(hand, (320, 235), hand)
    return golden_light(canvas, 0.4)


@drawing("chat-hidden-image")
def chat_hidden_image(canvas):
    """protecting-children-and-women-online, lesson 1: a group chat where a
    picture is hidden behind a cover, as apps hide sensitive pictures. What
    it shows is never drawn."""
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#ece5dd")
    draw.rectangle([0, 0, WIDTH, 56], fill="#075e54")
    draw.ellipse([16, 10, 52, 46], fill="#b7d7cf")
    for n in range(3):
        draw.ellipse([20 + n * 9, 16 + n * 3, 34 + n * 9, 30 + n * 3], fill="#4f8a80")
    draw.rounded_rectangle([70, 20, 260, 36], radius=6, fill="#d9ead3")
    # a message bubble with a covered picture
    draw.rounded_rectangle([30, 80, 380, 330], radius=14, fill="white")
    draw.rounded_rectangle([45, 95, 365, 290], radius=10, fill="#9e9e9e")
    cover = Image.new("RGB", (320, 195), "#8a8a8a")
    cdraw = ImageDraw.Draw(cover)
    for n in range(0, 320, 16):
        cdraw.line([(n, 0), (n + 120, 195)], fill="#959595", width=6)
    canvas.paste(cover.filter(ImageFilter.GaussianBlur(4)), (45, 95))
    draw = ImageDraw.Draw(canvas)
    # the crossed-out eye: "hidden"
    draw.ellipse([165, 160, 245, 210], outline="white", width=6)
    draw.ellipse([193, 173, 217, 197], fill="white")
    draw.line([(160, 215), (250, 155)], fill="white", width=7)
    draw.rounded_rectangle([45, 298, 200, 312], radius=5, fill="#cfcfcf")
    # replies with question marks and laughing faces, in no language
    for n, y in enumerate((120, 200)):
        draw.rounded_rectangle([400, y, 610, y + 52], radius=14, fill="#dcf8c6")
        draw.text((420 + n * 30, y + 10), "???" if n == 0 else "!!", fill="#555555", font_size=26)


@drawing("ai-bridge-labelled")
def ai_bridge_labelled(canvas):
    """being-a-responsible-digital-citizen, lesson 1: an AI concept picture
    of a new bridge, honestly labelled with the AI sparkle badge."""
    draw = ImageDraw.Draw(canvas)
    for y in range(0, 260):
        shade = int(180 + y * 0.25)
        draw.line([(0, y), (WIDTH, y)], fill=(shade - 60, shade - 20, 255))
    draw.rectangle([0, 260, WIDTH, HEIGHT], fill="#2e6f95")
    for x in range(0, WIDTH, 70):
        draw.line([(x, 300), (x + 40, 300)], fill="#5fa3c9", width=3)
    draw.arc([60, 120, 580, 420], 180, 360, fill="#f1f1f1", width=10)
    draw.rectangle([40, 250, 600, 266], fill="#d0d0d0")
    for x in range(100, 560, 40):
        draw.line([(x, 252), (x, 180 + abs(x - 320) // 3)], fill="#e8e8e8", width=3)
    draw.polygon([(300, 60), (340, 60), (330, 250), (310, 250)], fill="#cfd8dc")
    # the label: a badge with the AI sparkle, in no language
    draw.rounded_rectangle([20, 20, 120, 64], radius=12, fill=(0, 0, 0))
    for cx, cy, r in ((50, 42, 14), (88, 34, 8), (94, 52, 6)):
        draw.polygon(
            [
                (cx, cy - r),
                (cx + r / 3, cy - r / 3),
                (cx + r, cy),
                (cx + r / 3, cy + r / 3),
                (cx, cy + r),
                (cx - r / 3, cy + r / 3),
                (cx - r, cy),
                (cx - r / 3, cy - r / 3),
            ],
            fill="white",
        )


@drawing("ai-podium-announcement")
def ai_podium_announcement(canvas):
    """being-a-responsible-digital-citizen quiz: a still from an unlabelled AI
    video of an official at a podium: earrings that do not match, a smeared
    mouth, an emblem on the flag that melts into its cloth."""
    draw = ImageDraw.Draw(canvas)
    draw.rectangle([0, 0, WIDTH, HEIGHT], fill="#1c2e4a")
    draw.rectangle([60, 40, 200, 300], fill="#6a3d9a")  # a flag of no real country
    emblem = Image.new("RGBA", (90, 90), (0, 0, 0, 0))
    ImageDraw.Draw(emblem).ellipse([5, 5, 85, 85], outline="white", width=10)
    emblem = emblem.filter(ImageFilter.GaussianBlur(3))
    canvas.paste(emblem, (85, 120), emblem)
    draw = ImageDraw.Draw(canvas)
    draw.chord([262, 40, 378, 130], 180, 360, fill="#2b2b2b")  # hair
    draw.ellipse([270, 60, 370, 170], fill=SKIN)
    draw.chord([270, 55, 370, 110], 180, 360, fill="#2b2b2b")
    draw.ellipse([297, 102, 311, 112], fill="#3b2a20")
    draw.ellipse([329, 102, 343, 112], fill="#3b2a20")
    mouth = Image.new("RGBA", (50, 20), (0, 0, 0, 0))
    ImageDraw.Draw(mouth).ellipse([0, 0, 50, 20], fill="#7a3b2e")
    mouth = mouth.filter(ImageFilter.GaussianBlur(4))
    canvas.paste(mouth, (295, 135), mouth)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse([262, 120, 274, 132], fill="#ffd700")  # one round gold earring...
    draw.polygon([(372, 116), (381, 134), (363, 134)], fill="#c0c0c0")  # ...and one silver triangle
    draw.rounded_rectangle([230, 170, 410, 330], radius=30, fill="#34495e")
    draw.polygon([(220, 260), (420, 260), (400, 400), (240, 400)], fill="#8b5a2b")
    draw.ellipse([300, 275, 340, 315], fill="#ffd966")
    draw.line([(320, 255), (320, 200)], fill="#222222", width=4)
    draw.ellipse([312, 188, 328, 204], fill="#222222")
