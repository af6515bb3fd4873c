/** The study's stages, in the article's order. */
import type { Stage } from '../stage';
import { environmentStage } from './environment';
import { personalRecordsStage } from './personal-records';
import { sklearnStyleStage } from './sklearn-style';

export const allStages: Stage[] = [environmentStage, personalRecordsStage, sklearnStyleStage];
