/**
 * Draws one face: identity traits placed in face space, moved by the variation's pose (yaw
 * slides features across a rounded head, roll/scale/shift are the canvas transform), shaded by
 * a directional light on an ellipsoid head, then blurred and noised.
 */
import { Rng } from '../random';
import { Canvas, type Colour } from './raster';
import type { FaceIdentity, FaceVariation, ShapePart } from './types';

const scaleC = (c: Colour, k: number): Colour => [c[0] * k, c[1] * k, c[2] * k];
const SCLERA: Colour = [0.95, 0.94, 0.9];
const PUPIL: Colour = [0.03, 0.03, 0.04];
const MOUTH: Colour = [0.25, 0.07, 0.08];

/** Renders into a canvas; `noiseRng` draws the pixel noise. */
export function drawFace(canvas: Canvas, id: FaceIdentity, v: FaceVariation, noiseRng: Rng): void {
  const n = canvas.size;
  const { head } = id;
  const W = head.width;
  canvas.gradient(v.bg[0], v.bg[1], v.bgAngle);
  canvas.setTransform(n * 0.3 * v.scale, v.roll, n * (0.5 + v.shiftX), n * (0.45 + v.shiftY));

  // Yaw: a point at x on a head of half-width W moves along the head's curve.
  const sinYaw = Math.sin(v.yaw);
  const theta = (x: number) => Math.asin(Math.max(-1, Math.min(1, x / W)));
  const warp = (x: number) => W * Math.sin(theta(x) + v.yaw);
  const squash = (x: number) => Math.max(0.25, Math.cos(theta(x) + v.yaw) / Math.max(0.3, Math.cos(theta(x))));
  const parts = (list: readonly ShapePart[], c: Colour, alpha: number, dx: (x: number) => number, clip = Infinity) => {
    for (const p of list) {
      for (const side of p.mirror ? [-1, 1] : [1]) {
        const x = p.x * side;
        canvas.ellipse(dx(x), p.y, p.rx * (p.mirror || p.x !== 0 ? squash(x) : 1), p.ry, (p.angle ?? 0) * side, c, alpha, clip);
      }
    }
  };

  // Shoulders and neck.
  canvas.ellipse(-sinYaw * 0.15, 2.05, 1.55, 0.8, 0, v.shirt);
  canvas.ellipse(sinYaw * 0.05, 1.2, W * 0.45, 0.55, 0, scaleC(id.skin, 0.82));
  // Hair behind the head turns the other way.
  parts(id.hair.back, id.hairColour, 1, (x) => x - sinYaw * 0.12);
  // Ears: the one the head turns away from tucks behind it (drawn before the head).
  for (const side of [-1, 1]) {
    canvas.ellipse(side * W * 0.97 - sinYaw * 0.3, id.earY, id.earSize * 0.55, id.earSize, side * 0.15, scaleC(id.skin, 0.9));
  }
  // Head: cranium + jaw.
  canvas.ellipse(0, 0, W, head.height, 0, id.skin);
  canvas.ellipse(sinYaw * 0.1, head.jawDrop, head.jawWidth, 1.0, 0, id.skin);
  if (id.beard) parts(id.beard.parts, scaleC(id.hairColour, 0.7), id.beard.opacity, warp);
  // Hair over the forehead.
  if (id.hair.hairline !== null) {
    canvas.ellipse(-sinYaw * 0.06, -0.02, W + 0.03, head.height + 0.03, 0, id.hairColour, 1, id.hair.hairline);
    parts(id.hair.front, id.hairColour, 1, warp, id.hair.hairline + (id.hair.fringeDepth ?? 0));
  }

  // Eyes, lids and brows.
  const eye = id.eye;
  const lash = scaleC(id.skin, 0.35);
  const brow = scaleC(id.hairColour, 0.75);
  const irisR = 0.055 * (eye.rx / 0.15);
  for (const side of [-1, 1]) {
    const x0 = side * id.eyeSpacing, ex = warp(x0), wf = squash(x0), ey = id.eyeY;
    const rx = eye.rx * wf, ry = eye.ry * v.eyeOpen, tilt = -side * eye.tilt;
    canvas.ellipse(ex, ey, rx, ry, tilt, SCLERA);
    const ix = ex + (v.gaze + sinYaw * 0.04) * wf;
    canvas.ellipse(ix, ey, irisR * wf, Math.min(irisR, ry), 0, id.eyeColour);
    canvas.ellipse(ix, ey, irisR * 0.45 * wf, Math.min(irisR * 0.45, ry), 0, PUPIL);
    canvas.stroke(Canvas.bezier(ex - rx, ey + side * Math.sin(tilt) * rx, ex, ey - 2 * ry, ex + rx, ey - side * Math.sin(tilt) * rx, 6), 0.028, lash);
    const by = ey - id.browGap - v.browRaise * 0.05;
    const inner = ex - side * 0.13 * wf, outer = ex + side * 0.15 * wf;
    canvas.stroke(Canvas.bezier(inner, by + 0.015, ex, by - id.browArch - v.browRaise * 0.02, outer, by + 0.03, 6), id.browThickness, brow, 0.92);
  }

  // Nose: its tip stands out from the face, so it slides further than the eyes.
  const noseX = warp(0) + sinYaw * 0.12;
  const noseTop = id.eyeY + 0.06, noseBottom = id.eyeY + 0.06 + id.nose.length;
  canvas.stroke([warp(0) + 0.04, noseTop, noseX + 0.05, noseBottom - 0.04], 0.035, scaleC(id.skin, 0.72), 0.45);
  for (const side of [-1, 1]) {
    canvas.ellipse(noseX + side * id.nose.width * squash(side * id.nose.width), noseBottom, id.nose.nostril * 1.2, id.nose.nostril * 0.7, 0, scaleC(id.skin, 0.45), 0.85);
  }

  // Mouth: smile lifts the corners, open shows a dark gap between the lips.
  const mx = warp(0) + sinYaw * 0.06, my = id.mouthY, mw = id.mouthWidth * squash(0);
  const cornerY = my - v.smile * 0.05;
  if (v.mouthOpen > 0.04) canvas.ellipse(mx, my + v.mouthOpen * 0.04, mw * 0.75, v.mouthOpen * 0.09, 0, MOUTH);
  canvas.stroke(Canvas.bezier(mx - mw, cornerY, mx, my - id.lipThickness * 0.6 - v.mouthOpen * 0.03, mx + mw, cornerY, 6), id.lipThickness * 0.7, id.lipColour);
  canvas.stroke(Canvas.bezier(mx - mw, cornerY, mx, my + v.smile * 0.06 + v.mouthOpen * 0.1 + id.lipThickness * 0.5, mx + mw, cornerY, 6), id.lipThickness, id.lipColour);

  for (const m of id.marks) canvas.ellipse(warp(m.x), m.y, m.r * squash(m.x), m.r, 0, scaleC(id.skin, 0.45), 0.9);

  if (id.glasses) {
    const { style, colour } = id.glasses;
    const sq = style.kind === 'square' ? 1 : 0;
    const inner: number[] = [];
    for (const side of [-1, 1]) {
      const x0 = side * id.eyeSpacing, ex = warp(x0), wf = squash(x0);
      canvas.stroke(Canvas.ring(ex, id.eyeY + 0.01, style.rx * wf, style.ry, sq), 0.035, colour);
      inner.push(ex - side * style.rx * wf);
      canvas.stroke([ex + side * style.rx * wf, id.eyeY - 0.02, side * W * 0.97 - sinYaw * 0.3, id.earY - 0.05], 0.03, colour);
    }
    canvas.stroke(Canvas.bezier(inner[0], id.eyeY, (inner[0] + inner[1]) / 2, id.eyeY - 0.06, inner[1], id.eyeY, 4), 0.03, colour);
  }

  light(canvas, id, v);
  canvas.blur(v.blur * (n / 64));
  if (v.noise > 0) addNoise(canvas.rgb, v.noise, noiseRng);
}

/**
 * Near-Gaussian pixel noise: the sum of the four bytes of one 32-bit draw (Irwin–Hall, n = 4,
 * scaled to unit variance). One draw per value instead of Box–Muller's two plus log/sin: the
 * exact normal made noise 3/4 of the render time.
 */
function addNoise(rgb: Float32Array, std: number, rng: Rng): void {
  const k = std / 147.8; // sd of a sum of 4 uniform bytes = sqrt(4·(256² − 1)/12)
  for (let i = 0; i < rgb.length; i++) {
    const u = rng.uint32();
    rgb[i] += ((u & 255) + ((u >>> 8) & 255) + ((u >>> 16) & 255) + (u >>> 24) - 510) * k;
  }
}

/** Lambert shading on an ellipsoid around the head, applied in proportion to foreground coverage. */
function light(canvas: Canvas, id: FaceIdentity, v: FaceVariation): void {
  const n = canvas.size;
  const [lx, ly, lz] = v.lightDir;
  const rx = id.head.width * 1.15, ry = 1.45, cy0 = 0.2;
  // Pixel → face space, inlined (this loop runs for every foreground pixel).
  const [tx, ty] = canvas.px(0, 0), [ux, uy] = canvas.px(1, 0);
  const inv = 1 / canvas.scale, cos = (ux - tx) * inv, sin = (uy - ty) * inv;
  for (let py = 0; py < n; py++) {
    for (let px = 0; px < n; px++) {
      const i = py * n + px, a = canvas.fg[i];
      if (a <= 0) continue;
      const dx = px + 0.5 - tx, dy = py + 0.5 - ty;
      const nx = (cos * dx + sin * dy) * inv / rx, ny = ((-sin * dx + cos * dy) * inv - cy0) / ry;
      const nz = Math.sqrt(Math.max(0.04, 1 - nx * nx - ny * ny));
      const len = Math.sqrt(nx * nx + ny * ny + nz * nz);
      const diffuse = Math.max(0, (nx * lx + ny * ly + nz * lz) / len);
      const shade = v.ambient + v.light * diffuse;
      const o = i * 3;
      for (let c = 0; c < 3; c++) canvas.rgb[o + c] *= 1 - a + a * shade * v.tint[c];
    }
  }
}

// One canvas per size, reused: drawFace overwrites every pixel (gradient) before drawing.
const canvases = new Map<number, Canvas>();
function canvasFor(size: number): Canvas {
  let c = canvases.get(size);
  if (!c) { c = new Canvas(size); canvases.set(size, c); }
  return c;
}

/** Renders one face to bytes: RGB (3 channels) or luma (1), row-major, size × size. */
export function renderFace(id: FaceIdentity, v: FaceVariation, size: number, channels: 1 | 3 = 3, seed: number | Rng = 0, out?: Uint8Array): Uint8Array {
  if (!(Number.isInteger(size) && size >= 8)) throw new RangeError(`renderFace: size must be an integer ≥ 8, got ${size}`);
  const canvas = canvasFor(size);
  drawFace(canvas, id, v, Rng.from(seed));
  const bytes = out ?? new Uint8Array(size * size * channels);
  if (bytes.length !== size * size * channels) throw new RangeError(`renderFace: out has ${bytes.length} bytes, expected ${size * size * channels}`);
  const rgb = canvas.rgb;
  // Uint8ClampedArray rounds and clamps in the store itself.
  const clamped = new Uint8ClampedArray(bytes.buffer, bytes.byteOffset, bytes.length);
  if (channels === 3) for (let i = 0; i < rgb.length; i++) clamped[i] = rgb[i] * 255;
  else for (let p = 0; p < size * size; p++) clamped[p] = (0.2126 * rgb[3 * p] + 0.7152 * rgb[3 * p + 1] + 0.0722 * rgb[3 * p + 2]) * 255;
  return bytes;
}
