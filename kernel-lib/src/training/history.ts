/** The metrics of a run, step by step (plain JSON: it goes into checkpoints). */
export interface History {
  /** Step index of each record. */
  steps: number[];
  /** Metric name → value per record (NaN where a step did not report it). */
  metrics: Record<string, number[]>;
  /** Steps after which each epoch ended. */
  epochEnds: number[];
}

export function emptyHistory(): History {
  return { steps: [], metrics: {}, epochEnds: [] };
}

export function record(history: History, step: number, metrics: Record<string, number>): void {
  const n = history.steps.length;
  history.steps.push(step);
  for (const [k, v] of Object.entries(metrics)) {
    if (!history.metrics[k]) history.metrics[k] = new Array<number>(n).fill(NaN);
    history.metrics[k].push(v);
  }
  for (const series of Object.values(history.metrics)) if (series.length === n) series.push(NaN);
}
