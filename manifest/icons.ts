import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng, type Image } from './png';

/**
 * Draws the app's icons: two people in conversation and a path that rises between them.
 * Run `npm run icons` after changing the drawing; the PNGs are committed beside this file.
 */

type Shape = (x: number, y: number) => boolean;

const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring =
  (cx: number, cy: number, r: number, width: number): Shape =>
  (x, y) => {
    const d = Math.hypot(x - cx, y - cy);
    return d <= r && d >= r - width;
  };
const roundedRect =
  (x0: number, y0: number, x1: number, y1: number, r: number): Shape =>
  (x, y) => {
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
/** A thick line from (x0, y0) to (x1, y1). */
const stroke =
  (x0: number, y0: number, x1: number, y1: number, width: number): Shape =>
  (x, y) => {
    const dx = x1 - x0;
    const dy = y1 - y0;
    const t = Math.max(0, Math.min(1, ((x - x0) * dx + (y - y0) * dy) / (dx * dx + dy * dy)));
    return Math.hypot(x - (x0 + t * dx), y - (y0 + t * dy)) <= width / 2;
  };
const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((shape) => shape(x, y));
const minus =
  (shape: Shape, hole: Shape): Shape =>
  (x, y) =>
    shape(x, y) && !hole(x, y);

type Colour = [number, number, number, number];

/** Paints layers in order on a unit square, with 4×4 supersampling for smooth edges. */
function render(size: number, layers: [Shape, Colour][]): Image {
  const pixels = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour: Colour = [0, 0, 0, 0];
          for (const [shape, fill] of layers) if (shape(x, y)) colour = fill;
          r += colour[0] * colour[3];
          g += colour[1] * colour[3];
          b += colour[2] * colour[3];
          a += colour[3];
        }
      }
      const index = (py * size + px) * 4;
      pixels[index] = a ? Math.round(r / a) : 0;
      pixels[index + 1] = a ? Math.round(g / a) : 0;
      pixels[index + 2] = a ? Math.round(b / a) : 0;
      pixels[index + 3] = Math.round(a / (samples * samples));
    }
  }
  return { width: size, height: size, pixels };
}

const ACCENT: Colour = [79, 107, 237, 255];
const WHITE: Colour = [255, 255, 255, 255];
const GOLD: Colour = [255, 200, 61, 255];

// Two heads and shoulders side by side, and a staircase rising beneath them.
const people = union(
  circle(0.33, 0.27, 0.085),
  minus(circle(0.33, 0.55, 0.15), (_, y) => y > 0.6),
  circle(0.67, 0.27, 0.085),
  minus(circle(0.67, 0.55, 0.15), (_, y) => y > 0.6),
);
const path = union(
  stroke(0.2, 0.84, 0.4, 0.84, 0.05),
  stroke(0.4, 0.84, 0.4, 0.76, 0.05),
  stroke(0.4, 0.76, 0.6, 0.76, 0.05),
  stroke(0.6, 0.76, 0.6, 0.68, 0.05),
  stroke(0.6, 0.68, 0.8, 0.68, 0.05),
);

export const colourIcon = render(192, [
  [roundedRect(0, 0, 1, 1, 0.2), ACCENT],
  [people, WHITE],
  [path, GOLD],
]);

// Outline: white on transparent, the same figure drawn as strokes.
export const outlineIcon = render(32, [
  [
    union(
      ring(0.3, 0.34, 0.13, 0.07),
      ring(0.7, 0.34, 0.13, 0.07),
      minus(ring(0.3, 0.78, 0.24, 0.07), (x, y) => y > 0.78),
      minus(ring(0.7, 0.78, 0.24, 0.07), (x, y) => y > 0.78),
    ),
    WHITE,
  ],
]);

/** The Outlook ribbon button's icons (the manifest's extensions): the colour icon at the sizes Outlook asks for. */
export const ADDIN_ICON_SIZES = [16, 32, 80] as const;
/** Served with the tab (tab/public → the site's root), where the manifest's icon URLs point. */
export const ADDIN_ICON_DIR = join(import.meta.dirname, '../tab/public/addin');
export const addinIcon = (size: number): Image =>
  render(size, [
    [roundedRect(0, 0, 1, 1, 0.2), ACCENT],
    [people, WHITE],
    [path, GOLD],
  ]);

if (process.argv[1]?.endsWith('icons.ts')) {
  writeFileSync(join(import.meta.dirname, 'color.png'), encodePng(colourIcon));
  writeFileSync(join(import.meta.dirname, 'outline.png'), encodePng(outlineIcon));
  mkdirSync(ADDIN_ICON_DIR, { recursive: true });
  for (const size of ADDIN_ICON_SIZES)
    writeFileSync(join(ADDIN_ICON_DIR, `icon-${size}.png`), encodePng(addinIcon(size)));
  console.log(
    'Wrote manifest/color.png (192×192), manifest/outline.png (32×32) and tab/public/addin/icon-{16,32,80}.png.',
  );
}
