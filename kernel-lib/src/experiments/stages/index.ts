/** The study's stages, in the article's order. */
import type { Stage } from '../stage';
import { environmentStage } from './environment';
import { personalRecordsStage } from './personal-records';
import { sklearnStyleStage } from './sklearn-style';
import { facesStage } from './faces';
import { copulaStage } from './copula';
import { facenetStage } from './facenet';
import { generativeStage } from './generative';

export const allStages: Stage[] = [environmentStage, personalRecordsStage, sklearnStyleStage, copulaStage, facesStage, generativeStage, facenetStage];
