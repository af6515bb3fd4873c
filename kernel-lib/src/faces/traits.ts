/**
 * The default trait palettes and shapes of procedural faces, and the default nuisance ranges.
 * Plain data: pass your own `FaceTraitData` / partial `NuisanceRanges` to change the population.
 */
import type { FaceTraitData, NuisanceRanges } from './types';

export const DEFAULT_TRAITS: FaceTraitData = {
  // Fitzpatrick-like spread; neighbours overlap once lighting varies, so skin alone is not identity.
  skinTones: [
    { value: [255, 224, 196], weight: 1 }, { value: [241, 194, 167], weight: 1.2 },
    { value: [224, 172, 138], weight: 1.2 }, { value: [198, 134, 95], weight: 1 },
    { value: [161, 102, 68], weight: 1 }, { value: [120, 75, 50], weight: 0.9 },
    { value: [88, 57, 39], weight: 0.8 }, { value: [234, 192, 134], weight: 0.8 },
    { value: [205, 160, 120], weight: 0.9 }, { value: [176, 120, 88], weight: 0.8 },
  ],
  hairColours: [
    { value: [25, 20, 18], weight: 2 }, { value: [60, 40, 28], weight: 2 },
    { value: [104, 70, 44], weight: 1.5 }, { value: [165, 120, 70], weight: 1 },
    { value: [222, 190, 128], weight: 0.8 }, { value: [150, 60, 30], weight: 0.6 },
    { value: [160, 160, 160], weight: 0.6 }, { value: [235, 235, 230], weight: 0.3 },
    { value: [90, 40, 110], weight: 0.15 }, { value: [40, 90, 150], weight: 0.1 },
  ],
  eyeColours: [
    { value: [60, 35, 20], weight: 3 }, { value: [100, 65, 30], weight: 2 },
    { value: [120, 110, 50], weight: 1 }, { value: [70, 120, 70], weight: 0.7 },
    { value: [70, 120, 180], weight: 1 }, { value: [120, 130, 140], weight: 0.6 },
  ],
  lipTints: [[190, 90, 90], [170, 80, 90], [150, 80, 70], [200, 110, 110], [130, 60, 60]],
  glassesColours: [[20, 20, 20], [90, 60, 30], [150, 150, 160], [140, 30, 40], [30, 50, 110]],
  headShapes: [
    { value: { name: 'oval', width: 0.78, height: 1.0, jawWidth: 0.6, jawDrop: 0.3 }, weight: 2 },
    { value: { name: 'round', width: 0.86, height: 0.96, jawWidth: 0.72, jawDrop: 0.25 }, weight: 1 },
    { value: { name: 'long', width: 0.7, height: 1.06, jawWidth: 0.55, jawDrop: 0.36 }, weight: 1 },
    { value: { name: 'square', width: 0.82, height: 0.98, jawWidth: 0.76, jawDrop: 0.33 }, weight: 1 },
    { value: { name: 'heart', width: 0.84, height: 1.0, jawWidth: 0.5, jawDrop: 0.34 }, weight: 1 },
  ],
  hairStyles: [
    { value: { name: 'bald', hairline: null, back: [], front: [] }, weight: 0.4 },
    { value: { name: 'buzz', hairline: -0.62, back: [], front: [] }, weight: 0.8 },
    { value: { name: 'short', hairline: -0.5, back: [{ x: 0, y: -0.12, rx: 0.92, ry: 0.98 }], front: [] }, weight: 1.5 },
    {
      value: {
        name: 'side-part', hairline: -0.48, back: [{ x: 0, y: -0.15, rx: 0.94, ry: 0.98 }],
        front: [{ x: -0.35, y: -0.62, rx: 0.5, ry: 0.24, angle: 0.35 }], fringeDepth: 0.2,
      },
      weight: 1,
    },
    {
      value: {
        name: 'fringe', hairline: -0.42, back: [{ x: 0, y: -0.1, rx: 0.96, ry: 1.0 }],
        front: [{ x: 0, y: -0.5, rx: 0.8, ry: 0.22 }], fringeDepth: 0.25,
      },
      weight: 1,
    },
    {
      value: {
        name: 'long', hairline: -0.5, back: [{ x: 0, y: 0.35, rx: 1.05, ry: 1.25 }, { x: 0, y: -0.2, rx: 0.98, ry: 0.95 }],
        front: [{ x: 0.62, y: -0.35, rx: 0.22, ry: 0.5, angle: -0.3, mirror: true }], fringeDepth: 0.45,
      },
      weight: 1.2,
    },
    {
      value: {
        name: 'bob', hairline: -0.46, back: [{ x: 0, y: 0.05, rx: 1.05, ry: 1.0 }],
        front: [{ x: 0, y: -0.52, rx: 0.82, ry: 0.2 }, { x: 0.72, y: -0.05, rx: 0.2, ry: 0.55, mirror: true }], fringeDepth: 0.62,
      },
      weight: 0.8,
    },
    { value: { name: 'afro', hairline: -0.52, back: [{ x: 0, y: -0.28, rx: 1.3, ry: 1.1 }], front: [] }, weight: 0.6 },
    {
      value: {
        name: 'bun', hairline: -0.55, back: [{ x: 0, y: -1.12, rx: 0.36, ry: 0.3 }, { x: 0, y: -0.15, rx: 0.9, ry: 0.95 }], front: [],
      },
      weight: 0.6,
    },
    {
      value: { name: 'mohawk', hairline: -0.6, back: [{ x: 0, y: -0.8, rx: 0.18, ry: 0.5 }], front: [] },
      weight: 0.2,
    },
  ],
  eyeShapes: [
    { value: { name: 'almond', rx: 0.15, ry: 0.075, tilt: 0.05 }, weight: 2 },
    { value: { name: 'round', rx: 0.13, ry: 0.095, tilt: 0 }, weight: 1 },
    { value: { name: 'narrow', rx: 0.16, ry: 0.055, tilt: 0.12 }, weight: 1 },
    { value: { name: 'droopy', rx: 0.15, ry: 0.07, tilt: -0.12 }, weight: 0.7 },
  ],
  noseShapes: [
    { value: { name: 'small', width: 0.09, length: 0.3, nostril: 0.035 }, weight: 1 },
    { value: { name: 'broad', width: 0.15, length: 0.3, nostril: 0.05 }, weight: 1 },
    { value: { name: 'long', width: 0.1, length: 0.42, nostril: 0.04 }, weight: 1 },
  ],
  beardStyles: [
    { value: { name: 'stubble', opacity: 0.22, parts: [{ x: 0, y: 0.72, rx: 0.62, ry: 0.42 }] }, weight: 1 },
    { value: { name: 'full', opacity: 0.85, parts: [{ x: 0, y: 0.78, rx: 0.64, ry: 0.46 }, { x: 0.52, y: 0.35, rx: 0.18, ry: 0.35, mirror: true }] }, weight: 1 },
    { value: { name: 'goatee', opacity: 0.9, parts: [{ x: 0, y: 0.95, rx: 0.2, ry: 0.2 }, { x: 0, y: 0.56, rx: 0.26, ry: 0.06 }] }, weight: 0.8 },
    { value: { name: 'moustache', opacity: 0.9, parts: [{ x: 0.13, y: 0.56, rx: 0.16, ry: 0.05, angle: 0.2, mirror: true }] }, weight: 0.8 },
  ],
  glassesStyles: [
    { value: { name: 'round', rx: 0.2, ry: 0.18, kind: 'round' }, weight: 1 },
    { value: { name: 'wide', rx: 0.24, ry: 0.15, kind: 'square' }, weight: 1 },
    { value: { name: 'small', rx: 0.17, ry: 0.12, kind: 'square' }, weight: 0.7 },
  ],
  odds: { glasses: 0.25, beard: 0.3, marks: 0.3 },
};

/** Nuisance ranges wide enough that no single pixel colour tells identities apart. */
export const DEFAULT_NUISANCE: NuisanceRanges = {
  yaw: [-0.45, 0.45],
  roll: [-0.2, 0.2],
  scale: [0.88, 1.1],
  shift: [-0.05, 0.05],
  ambient: [0.45, 0.75],
  light: [0.25, 0.6],
  smile: [-0.3, 1],
  mouthOpen: [0, 0.5],
  eyeOpen: [0.55, 1],
  browRaise: [-0.5, 0.6],
  blink: 0.06,
  blur: [0, 0.7],
  noise: [0, 0.03],
};

/**
 * Named difficulty levels: 'easy' nearly frontal, even light, clean; 'medium' is
 * `DEFAULT_NUISANCE`; 'hard' turns heads further, darkens, blurs and noises more.
 */
export const NUISANCE_PRESETS: Readonly<Record<'easy' | 'medium' | 'hard', NuisanceRanges>> = {
  easy: {
    ...DEFAULT_NUISANCE, yaw: [-0.15, 0.15], roll: [-0.06, 0.06], scale: [0.95, 1.05], shift: [-0.02, 0.02],
    ambient: [0.6, 0.75], light: [0.25, 0.4], blur: [0, 0.3], noise: [0, 0.01],
  },
  medium: DEFAULT_NUISANCE,
  hard: {
    ...DEFAULT_NUISANCE, yaw: [-0.7, 0.7], roll: [-0.3, 0.3], scale: [0.8, 1.15], shift: [-0.08, 0.08],
    ambient: [0.3, 0.8], light: [0.2, 0.8], blink: 0.1, blur: [0, 1.2], noise: [0, 0.06],
  },
};
