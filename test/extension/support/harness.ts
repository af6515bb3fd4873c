/**
 * The page the renderer tests load: it imports the bundled renderer as VS Code's webview does,
 * calls `activate(context)` with a context that records posted messages, and builds output items
 * with `json()`, `text()`, `data()`, `mime`, `id`, `metadata`. It also sets VS Code's theme
 * variables and body classes, and a page-level `__xss` flag that injected code would set.
 */

const THEMES: Record<string, Record<string, string>> = {
  light: {
    '--vscode-font-family': 'system-ui, "Segoe UI", sans-serif', '--vscode-font-size': '13px',
    '--vscode-editor-foreground': '#3b3b3b', '--vscode-editor-background': '#ffffff',
    '--vscode-descriptionForeground': '#717171', '--vscode-editorWidget-border': '#e5e5e5',
    '--vscode-widget-border': '#e5e5e5', '--vscode-focusBorder': '#005fb8', '--vscode-errorForeground': '#c72e0f',
    '--vscode-button-background': '#005fb8', '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b', '--vscode-button-secondaryHoverBackground': '#cccccc',
    '--vscode-editorHoverWidget-background': '#f8f8f8', '--vscode-editorHoverWidget-foreground': '#3b3b3b',
    '--vscode-editorHoverWidget-border': '#c8c8c8',
  },
  dark: {
    '--vscode-font-family': 'system-ui, "Segoe UI", sans-serif', '--vscode-font-size': '13px',
    '--vscode-editor-foreground': '#cccccc', '--vscode-editor-background': '#1f1f1f',
    '--vscode-descriptionForeground': '#9d9d9d', '--vscode-editorWidget-border': '#454545',
    '--vscode-widget-border': '#454545', '--vscode-focusBorder': '#0078d4', '--vscode-errorForeground': '#f85149',
    '--vscode-button-background': '#0078d4', '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc', '--vscode-button-secondaryHoverBackground': '#3c3c3c',
    '--vscode-editorHoverWidget-background': '#202020', '--vscode-editorHoverWidget-foreground': '#cccccc',
    '--vscode-editorHoverWidget-border': '#454545',
  },
};

export const HARNESS_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>synthlab renderer harness</title>
<style>body { margin: 0; padding: 12px; background: var(--vscode-editor-background); width: 860px; }
.output { margin-bottom: 16px; }</style></head>
<body class="vscode-light">
<script>window.__xss = 0; window.__messages = []; window.__errors = [];
window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));</script>
<script type="module">
const THEMES = ${JSON.stringify(THEMES)};
window.setTheme = (name) => {
  const vars = THEMES[name];
  for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(k, v);
  document.body.className = name === 'dark' ? 'vscode-dark' : 'vscode-light';
};
window.setTheme(new URLSearchParams(location.search).get('theme') || 'light');
let listener;
const context = {
  postMessage: (m) => window.__messages.push(m),
  onDidReceiveMessage: (fn) => { listener = fn; return { dispose() { listener = undefined; } }; },
  workspace: { isTrusted: true },
};
window.sendToRenderer = (m) => listener && listener(m);
const { activate } = await import('./index.js');
window.api = activate(context);
window.outputHost = (name) => {
  let el = document.getElementById(name);
  if (!el) { el = document.createElement('div'); el.id = name; el.className = 'output'; document.body.append(el); }
  return el;
};
window.render = async (spec) => {
  const text = spec.text !== undefined ? spec.text : JSON.stringify(spec.json);
  const item = {
    id: spec.id, mime: spec.mime, metadata: spec.metadata || {},
    text: () => text, json: () => JSON.parse(text), data: () => new TextEncoder().encode(text),
    blob: () => new Blob([text], { type: spec.mime }),
  };
  await window.api.renderOutputItem(item, window.outputHost(spec.host || 'out-' + spec.id), new AbortController().signal);
};
window.ready = true;
</script></body></html>`;
