export { writeFileAtomic, writeDirAtomic } from './atomic';
