/** Stage 0: where the study runs (versions, tensor backend), so every number has its context. */
import { describeBackend } from '../../backend';
import { RichOutput } from '../../display/output';
import type { Stage } from '../stage';
import { versions } from '../versions';

export const environmentStage: Stage = {
  id: 'environment',
  title: 'Environment',
  description: 'Versions of Synthlab, Node and tfjs, and the tensor backend that ran the study.',
  async run({ backend }) {
    const v = versions();
    const text = [
      ...Object.entries(v).map(([k, val]) => `${k.padEnd(10)} ${val}`),
      '', describeBackend(backend),
    ].join('\n');
    return { outputs: [{ output: new RichOutput({ 'text/plain': text }) }], numbers: { versions: v, backend } };
  },
};
