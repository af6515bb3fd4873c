/**
 * The study's self-contained HTML report: every output's best static rendering (PNG inline as a
 * data URL, our own SVG inline, our own escaped HTML, else the text), the config and versions.
 */
import { RichOutput, escapeXml } from '../display/output';

export interface ReportSection {
  id: string;
  title: string;
  description: string;
  outputs: { caption?: string; output: RichOutput }[];
  error?: string;
  seconds: number;
}

function renderOutput(o: RichOutput): string {
  const b = o.bundle;
  if (typeof b['image/png'] === 'string') return `<img alt="${escapeXml(o.toString())}" src="data:image/png;base64,${b['image/png']}">`;
  // SVG and HTML here are produced by Synthlab itself, with every text escaped at the source.
  if (typeof b['image/svg+xml'] === 'string') return `<div class="svg">${b['image/svg+xml']}</div>`;
  if (typeof b['text/html'] === 'string') return `<div class="html">${b['text/html']}</div>`;
  return `<pre>${escapeXml(o.toString())}</pre>`;
}

export function renderReport(sections: ReportSection[], meta: { title: string; config: unknown; versions: Record<string, string>; startedAt: string }): string {
  const toc = sections.map((s) => `<li><a href="#${escapeXml(s.id)}">${escapeXml(s.title)}</a>${s.error ? ' ⚠' : ''}</li>`).join('');
  const body = sections.map((s) => `
<section id="${escapeXml(s.id)}">
  <h2>${escapeXml(s.title)}</h2>
  <p class="desc">${escapeXml(s.description)} <span class="time">(${s.seconds.toFixed(1)} s)</span></p>
  ${s.error ? `<pre class="error">${escapeXml(s.error)}</pre>` : ''}
  ${s.outputs.map((o) => `<figure>${renderOutput(o.output)}${o.caption ? `<figcaption>${escapeXml(o.caption)}</figcaption>` : ''}</figure>`).join('\n  ')}
</section>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeXml(meta.title)}</title>
<style>
body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{margin-bottom:0}.sub{color:#666}section{border-top:1px solid #ddd;margin-top:2em}
figure{margin:1em 0}figcaption{color:#555;font-size:.9em}img{image-rendering:pixelated;max-width:100%}
pre{background:#f6f6f6;padding:.6em;overflow:auto}pre.error{background:#fee;color:#900}.time{color:#888}
table{border-collapse:collapse;font-size:.9em}td,th{border:1px solid #ccc;padding:2px 6px}
</style></head><body>
<h1>${escapeXml(meta.title)}</h1>
<p class="sub">Started ${escapeXml(meta.startedAt)}</p>
<ol>${toc}</ol>
${body}
<section id="config"><h2>Configuration and versions</h2>
<pre>${escapeXml(JSON.stringify({ config: meta.config, versions: meta.versions }, null, 2))}</pre></section>
</body></html>
`;
}
