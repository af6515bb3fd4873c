/**
 * Shapes of the procedural face data: trait palettes (what identities are drawn from), one
 * identity (fixed traits), one variation (nuisance factors of one image). Face space: origin
 * at the head's centre, x right, y down, the head's half-height ≈ 1.
 */

/** An sRGB colour, 0..255 per channel. */
export type Rgb = readonly [number, number, number];

export interface Weighted<T> {
  readonly value: T;
  readonly weight: number;
}

/** Head outline: a cranium ellipse and a jaw ellipse below it. */
export interface HeadShape {
  readonly name: string;
  /** Cranium half-width and half-height. */
  readonly width: number;
  readonly height: number;
  /** Jaw half-width (relative to nothing: face units) and how far its centre sits below the head's. */
  readonly jawWidth: number;
  readonly jawDrop: number;
}

/** One ellipse of a hair style, beard or other multi-part trait, in face space. */
export interface ShapePart {
  readonly x: number;
  readonly y: number;
  readonly rx: number;
  readonly ry: number;
  /** Rotation in radians (default 0). */
  readonly angle?: number;
  /** Drawn mirrored on both sides (x and −x). */
  readonly mirror?: boolean;
}

export interface HairStyle {
  readonly name: string;
  /** Face-space y of the hairline (hair covers the cranium above it); null for none (bald). */
  readonly hairline: number | null;
  /** Parts drawn behind the head (long hair, volume). */
  readonly back: readonly ShapePart[];
  /** Parts drawn over the forehead (fringes, tufts), clipped above `hairline + fringeDepth`. */
  readonly front: readonly ShapePart[];
  readonly fringeDepth?: number;
}

export interface EyeShape {
  readonly name: string;
  readonly rx: number;
  readonly ry: number;
  /** Outer-corner tilt in radians (positive lifts the outer corner). */
  readonly tilt: number;
}

export interface NoseShape {
  readonly name: string;
  /** Half-distance between nostrils, nose length (bridge), nostril size. */
  readonly width: number;
  readonly length: number;
  readonly nostril: number;
}

export interface BeardStyle {
  readonly name: string;
  readonly parts: readonly ShapePart[];
  /** Opacity of the beard colour over skin (stubble is faint). */
  readonly opacity: number;
}

export interface GlassesStyle {
  readonly name: string;
  readonly rx: number;
  readonly ry: number;
  /** 'round' draws ellipses, 'square' rounded rectangles. */
  readonly kind: 'round' | 'square';
}

/** All palettes and shapes identities are drawn from (like a faker locale: data, not code). */
export interface FaceTraitData {
  readonly skinTones: readonly Weighted<Rgb>[];
  readonly hairColours: readonly Weighted<Rgb>[];
  readonly eyeColours: readonly Weighted<Rgb>[];
  readonly lipTints: readonly Rgb[];
  readonly glassesColours: readonly Rgb[];
  readonly headShapes: readonly Weighted<HeadShape>[];
  readonly hairStyles: readonly Weighted<HairStyle>[];
  readonly eyeShapes: readonly Weighted<EyeShape>[];
  readonly noseShapes: readonly Weighted<NoseShape>[];
  readonly beardStyles: readonly Weighted<BeardStyle>[];
  readonly glassesStyles: readonly Weighted<GlassesStyle>[];
  /** Probability that an identity has glasses, a beard, moles. */
  readonly odds: { readonly glasses: number; readonly beard: number; readonly marks: number };
}

/** Ranges of the nuisance factors each image draws from: [min, max]. */
export interface NuisanceRanges {
  /** Head turn, radians (features slide across the head). */
  readonly yaw: readonly [number, number];
  /** In-plane rotation, radians. */
  readonly roll: readonly [number, number];
  readonly scale: readonly [number, number];
  /** Offsets as a fraction of the image size. */
  readonly shift: readonly [number, number];
  /** Light: ambient and directional strength; direction is uniform around the face. */
  readonly ambient: readonly [number, number];
  readonly light: readonly [number, number];
  /** Expression. */
  readonly smile: readonly [number, number];
  readonly mouthOpen: readonly [number, number];
  readonly eyeOpen: readonly [number, number];
  readonly browRaise: readonly [number, number];
  /** Chance of a blink (eyes nearly shut). */
  readonly blink: number;
  /** Gaussian blur sigma in pixels at 64 px (scaled with size), and noise std (0..1 scale). */
  readonly blur: readonly [number, number];
  readonly noise: readonly [number, number];
}

/** A person: fixed traits shared by every image of the identity. Colours are 0..1 RGB. */
export interface FaceIdentity {
  readonly head: HeadShape;
  readonly skin: readonly [number, number, number];
  readonly hair: HairStyle;
  readonly hairColour: readonly [number, number, number];
  readonly eye: EyeShape;
  readonly eyeColour: readonly [number, number, number];
  /** Half-distance between the eyes and their height. */
  readonly eyeSpacing: number;
  readonly eyeY: number;
  readonly browThickness: number;
  readonly browArch: number;
  readonly browGap: number;
  readonly nose: NoseShape;
  readonly mouthWidth: number;
  readonly mouthY: number;
  readonly lipThickness: number;
  readonly lipColour: readonly [number, number, number];
  readonly earSize: number;
  readonly earY: number;
  readonly beard: BeardStyle | null;
  readonly glasses: { style: GlassesStyle; colour: readonly [number, number, number] } | null;
  readonly marks: readonly { x: number; y: number; r: number }[];
}

/** The nuisance factors of one image. */
export interface FaceVariation {
  readonly yaw: number;
  readonly roll: number;
  readonly scale: number;
  readonly shiftX: number;
  readonly shiftY: number;
  /** Light direction (unit vector, z toward the viewer), ambient, strength, tint (per channel). */
  readonly lightDir: readonly [number, number, number];
  readonly ambient: number;
  readonly light: number;
  readonly tint: readonly [number, number, number];
  readonly smile: number;
  readonly mouthOpen: number;
  readonly eyeOpen: number;
  readonly browRaise: number;
  /** Gaze offset of the irises, face units. */
  readonly gaze: number;
  /** Background: two colours and the gradient's angle. */
  readonly bg: readonly [readonly [number, number, number], readonly [number, number, number]];
  readonly bgAngle: number;
  readonly shirt: readonly [number, number, number];
  readonly blur: number;
  readonly noise: number;
}
