/**
 * Best of `reps` calls after one warm-up, in ms of this process's CPU time (all threads): on a
 * machine shared with other jobs, CPU time is not inflated by waiting for a core.
 */
export function bestCpuMs(reps: number, f: () => void): number {
  f();
  let best = Infinity;
  for (let i = 0; i < reps; i++) {
    const t0 = process.cpuUsage();
    f();
    const t = process.cpuUsage(t0);
    best = Math.min(best, (t.user + t.system) / 1000);
  }
  return best;
}
