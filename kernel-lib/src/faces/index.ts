/** Procedural identity faces: the embedded labelled face set (traits as data, seeded rendering). */
export { proceduralFaces, faceRecipe } from './dataset';
export type { ProceduralFacesOptions, FaceRecipe } from './dataset';
export { renderFace, drawFace } from './render';
export { sampleIdentity, sampleVariation } from './sample';
export { DEFAULT_TRAITS, DEFAULT_NUISANCE, NUISANCE_PRESETS } from './traits';
export { Canvas } from './raster';
export type {
  Rgb, Weighted, HeadShape, ShapePart, HairStyle, EyeShape, NoseShape, BeardStyle, GlassesStyle,
  FaceTraitData, NuisanceRanges, FaceIdentity, FaceVariation,
} from './types';
