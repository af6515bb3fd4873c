/**
 * The kernel transport under a busy socket: tslab's zeromq 6 socket throws EBUSY while a message
 * is still going out. A display must not throw into the computation, and the latest state of
 * each display must still arrive, with the first message a display_data.
 */
import assert from 'node:assert/strict';
import { sep } from 'node:path';
import Module from 'node:module';
import { liveDisplay, lineChart, pendingDisplays } from '../../kernel-lib/src/display';

type Message = { data: Record<string, unknown>; transient: { display_id: string } };

describe('display transport with a busy kernel socket', () => {
  const key = `${sep}fake${sep}tslab${sep}dist${sep}jupyter.js`;
  const sent: { msg: Message; update: boolean }[] = [];
  let busyFor = 0;

  before(() => {
    const m = new Module(key);
    m.exports = {
      lastWriteDisplayData(msg: Message, update: boolean) {
        if (busyFor > 0) { busyFor--; throw Object.assign(new Error('Socket is busy writing; only one send operation may be in progress at any time'), { code: 'EBUSY' }); }
        sent.push({ msg, update });
      },
    };
    require.cache[key] = m;
  });
  after(() => { delete require.cache[key]; });

  it('never throws, coalesces updates, and delivers the latest bundle after the socket frees', async () => {
    busyFor = 5;
    const h = liveDisplay(lineChart([{ name: 'loss', y: [1] }]));
    for (let i = 2; i <= 4; i++) h.update(lineChart([{ name: 'loss', y: Array.from({ length: i }, (_, k) => k) }]));
    assert.equal(sent.length, 0, 'nothing got through a busy socket');
    assert.equal(pendingDisplays(), 1, 'one pending bundle per display');
    for (let t = 0; t < 50 && pendingDisplays() > 0; t++) await new Promise((r) => setTimeout(r, 20));
    assert.equal(pendingDisplays(), 0);
    assert.equal(sent.length, 1, 'the four bundles were coalesced into one');
    assert.equal(sent[0].update, false, 'the first message creates the output (display_data)');
    const payload = sent[0].msg.data['application/vnd.synthlab.training-curves.v1+json'] as { series: { y: number[] }[] };
    assert.deepEqual(payload.series[0].y, [0, 1, 2, 3], 'the latest state arrives');
    h.update(lineChart([{ name: 'loss', y: [9] }]));
    assert.equal(sent.length, 2);
    assert.equal(sent[1].update, true);
  });
});
