/** Drawing identities (fixed traits) and variations (per-image nuisance) from trait data with an Rng. */
import type { Rng } from '../random';
import { DEFAULT_NUISANCE, DEFAULT_TRAITS } from './traits';
import type { FaceIdentity, FaceTraitData, FaceVariation, NuisanceRanges, Rgb, Weighted } from './types';

type C3 = [number, number, number];

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

function pickWeighted<T>(rng: Rng, list: readonly Weighted<T>[], what: string): T {
  if (list.length === 0) throw new Error(`face traits: the ${what} palette is empty`);
  return rng.pick(list.map((w) => w.value), list.map((w) => w.weight));
}

/** A palette colour (0..255) as 0..1, with a little per-channel jitter. */
function jittered(rng: Rng, c: Rgb, sd: number): C3 {
  const shade = rng.normal(0, sd);
  return [clamp01(c[0] / 255 + shade + rng.normal(0, sd / 3)), clamp01(c[1] / 255 + shade + rng.normal(0, sd / 3)), clamp01(c[2] / 255 + shade + rng.normal(0, sd / 3))];
}

const mix = (a: readonly number[], b: readonly number[], t: number): C3 => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t];

/**
 * One identity: categorical traits from the palettes plus continuous jitter, so two identities
 * with the same hair style still differ in proportions.
 */
export function sampleIdentity(rng: Rng, traits: FaceTraitData = DEFAULT_TRAITS): FaceIdentity {
  const h = pickWeighted(rng, traits.headShapes, 'headShapes');
  const head = { ...h, width: h.width * rng.uniform(0.94, 1.06), height: h.height * rng.uniform(0.96, 1.04), jawWidth: h.jawWidth * rng.uniform(0.92, 1.08) };
  const skin = jittered(rng, pickWeighted(rng, traits.skinTones, 'skinTones'), 0.025);
  const hair = pickWeighted(rng, traits.hairStyles, 'hairStyles');
  const hairColour = jittered(rng, pickWeighted(rng, traits.hairColours, 'hairColours'), 0.03);
  const e = pickWeighted(rng, traits.eyeShapes, 'eyeShapes');
  const eyeScale = rng.uniform(0.88, 1.12);
  const eye = { ...e, rx: e.rx * eyeScale, ry: e.ry * eyeScale * rng.uniform(0.9, 1.1) };
  const n = pickWeighted(rng, traits.noseShapes, 'noseShapes');
  const nose = { ...n, width: n.width * rng.uniform(0.85, 1.15), length: n.length * rng.uniform(0.9, 1.1) };
  const lipTint = traits.lipTints[rng.int(traits.lipTints.length)].map((v) => v / 255);
  const beard = rng.bernoulli(traits.odds.beard) ? pickWeighted(rng, traits.beardStyles, 'beardStyles') : null;
  const glasses = rng.bernoulli(traits.odds.glasses)
    ? { style: pickWeighted(rng, traits.glassesStyles, 'glassesStyles'), colour: traits.glassesColours[rng.int(traits.glassesColours.length)].map((v) => v / 255) as C3 }
    : null;
  const marks = rng.bernoulli(traits.odds.marks)
    ? Array.from({ length: 1 + rng.int(3) }, () => ({ x: rng.uniform(-0.5, 0.5), y: rng.uniform(-0.3, 0.8), r: rng.uniform(0.025, 0.045) }))
    : [];
  return {
    head, skin, hair, hairColour, eye,
    eyeColour: jittered(rng, pickWeighted(rng, traits.eyeColours, 'eyeColours'), 0.03),
    eyeSpacing: rng.uniform(0.29, 0.39),
    eyeY: rng.uniform(-0.1, 0.04),
    browThickness: rng.uniform(0.04, 0.085),
    browArch: rng.uniform(-0.01, 0.08),
    browGap: rng.uniform(0.12, 0.2),
    nose,
    mouthWidth: rng.uniform(0.18, 0.3),
    mouthY: rng.uniform(0.52, 0.64),
    lipThickness: rng.uniform(0.035, 0.075),
    lipColour: mix(skin, lipTint.map((c) => c * 0.8), rng.uniform(0.5, 0.8)),
    earSize: rng.uniform(0.13, 0.2),
    earY: rng.uniform(-0.05, 0.1),
    beard, glasses, marks,
  };
}

const draw = (rng: Rng, [lo, hi]: readonly [number, number]) => rng.uniform(lo, hi);

/** One image's nuisance factors. */
export function sampleVariation(rng: Rng, ranges: NuisanceRanges = DEFAULT_NUISANCE): FaceVariation {
  const az = rng.uniform(0, 2 * Math.PI), elev = rng.uniform(0.35, 0.9);
  const r = Math.sqrt(1 - elev * elev);
  const colour = (): C3 => {
    const grey = rng.uniform(0.1, 0.9);
    return [0, 1, 2].map(() => clamp01(grey + rng.normal(0, 0.18))) as C3;
  };
  return {
    yaw: draw(rng, ranges.yaw),
    roll: draw(rng, ranges.roll),
    scale: draw(rng, ranges.scale),
    shiftX: draw(rng, ranges.shift),
    shiftY: draw(rng, ranges.shift),
    lightDir: [r * Math.cos(az), r * Math.sin(az), elev],
    ambient: draw(rng, ranges.ambient),
    light: draw(rng, ranges.light),
    tint: [1 + rng.normal(0, 0.04), 1 + rng.normal(0, 0.04), 1 + rng.normal(0, 0.04)],
    smile: draw(rng, ranges.smile),
    mouthOpen: rng.bernoulli(0.4) ? draw(rng, ranges.mouthOpen) : 0,
    eyeOpen: rng.bernoulli(ranges.blink) ? 0.12 : draw(rng, ranges.eyeOpen),
    browRaise: draw(rng, ranges.browRaise),
    gaze: rng.uniform(-0.03, 0.03),
    bg: [colour(), colour()],
    bgAngle: rng.uniform(0, 2 * Math.PI),
    shirt: colour(),
    blur: draw(rng, ranges.blur),
    noise: draw(rng, ranges.noise),
  };
}
