export { runStudy, writeFileAtomic } from './study';
export type { StudyResult } from './study';
export { defaultConfig, parseConfig, profileFromEnv, bySize } from './config';
export type { StudyConfig, ProfileName } from './config';
export type { Stage, StageContext, StageResult } from './stage';
export { allStages } from './stages';
export { versions } from './versions';
export { loadStudyFaces, disposeStudyFaces, FACE_SIZES } from './faces-data';
export type { StudyFaces, FaceSizes } from './faces-data';
