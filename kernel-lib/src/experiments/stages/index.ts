/** The study's stages, in the article's order. */
import type { Stage } from '../stage';
import { environmentStage } from './environment';

export const allStages: Stage[] = [environmentStage];
