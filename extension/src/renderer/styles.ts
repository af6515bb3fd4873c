/**
 * The renderer's stylesheet, added once per webview document. Colours come from VS Code's
 * theme variables (light, dark and high-contrast themes set them), with fallbacks for plain pages.
 */
const STYLE_ID = 'synthlab-renderer-style';

const CSS = `
.synthlab-view [hidden], .synthlab-view[hidden] { display: none !important; }
.synthlab-view { font-family: var(--vscode-font-family, system-ui, sans-serif); font-size: var(--vscode-font-size, 13px);
  color: var(--vscode-editor-foreground, #1f1f1f); position: relative; }
.synthlab-title { font-weight: 600; margin: 2px 0 6px; }
.synthlab-toolbar .synthlab-title { margin: 0; }
.synthlab-toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; margin-bottom: 6px; }
.synthlab-toolbar .synthlab-group { display: inline-flex; align-items: center; gap: 4px; }
.synthlab-view button { font: inherit; padding: 1px 8px; border-radius: 2px; cursor: pointer;
  color: var(--vscode-button-secondaryForeground, #1f1f1f); background: var(--vscode-button-secondaryBackground, #e5e5e5);
  border: 1px solid var(--vscode-button-border, transparent); }
.synthlab-view button:hover { background: var(--vscode-button-secondaryHoverBackground, #d5d5d5); }
.synthlab-view button:focus-visible, .synthlab-view input:focus-visible, .synthlab-cell:focus-visible {
  outline: 1px solid var(--vscode-focusBorder, #0078d4); outline-offset: 1px; }
.synthlab-view button:disabled { opacity: .5; cursor: default; }
.synthlab-field { display: inline-flex; align-items: center; gap: 4px; }
.synthlab-field input[type=range] { accent-color: var(--vscode-button-background, #0078d4); }
.synthlab-muted { color: var(--vscode-descriptionForeground, #717171); }
.synthlab-error { color: var(--vscode-errorForeground, #c72e0f); background: var(--vscode-inputValidation-errorBackground, transparent);
  border-left: 3px solid var(--vscode-inputValidation-errorBorder, #c72e0f); padding: 4px 8px; font-family: var(--vscode-font-family, sans-serif); }
.synthlab-error ul { margin: 4px 0 0; padding-left: 18px; }
.synthlab-grid { display: grid; gap: 2px; width: max-content; max-width: 100%; overflow: auto; }
.synthlab-cell { image-rendering: pixelated; background-image: var(--synthlab-sprite); background-repeat: no-repeat;
  width: calc(var(--cw) * var(--z) * 1px); height: calc(var(--ch) * var(--z) * 1px);
  background-size: calc(var(--sw) * var(--z) * 1px) calc(var(--sh) * var(--z) * 1px);
  background-position: calc(var(--c) * var(--cw) * var(--z) * -1px) calc(var(--r) * var(--ch) * var(--z) * -1px); cursor: zoom-in; }
.synthlab-cell:hover { outline: 1px solid var(--vscode-contrastActiveBorder, var(--vscode-focusBorder, #0078d4)); }
.synthlab-tooltip { position: absolute; pointer-events: none; z-index: 2; padding: 2px 6px; white-space: pre;
  background: var(--vscode-editorHoverWidget-background, #f3f3f3); color: var(--vscode-editorHoverWidget-foreground, #1f1f1f);
  border: 1px solid var(--vscode-editorHoverWidget-border, #c8c8c8); }
.synthlab-lightbox { position: absolute; inset: 0; z-index: 3; display: flex; flex-direction: column; align-items: center; justify-content: center;
  gap: 6px; min-height: 100%; background: var(--vscode-editor-background, #fff); border: 1px solid var(--vscode-widget-border, #c8c8c8); }
.synthlab-lightbox canvas { image-rendering: pixelated; border: 1px solid var(--vscode-widget-border, #c8c8c8); }
.synthlab-plot { width: 100%; min-height: 340px; }
.synthlab-table-wrap { width: max-content; max-width: 100%; max-height: 420px; overflow: auto; border: 1px solid var(--vscode-widget-border, #c8c8c8); }
.synthlab-table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
.synthlab-table th, .synthlab-table td { padding: 2px 8px; border-bottom: 1px solid var(--vscode-widget-border, #e0e0e0); text-align: left; white-space: nowrap; }
.synthlab-table th { position: sticky; top: 0; cursor: pointer; background: var(--vscode-editor-background, #fff); }
.synthlab-table th .synthlab-muted { font-weight: normal; margin-left: 4px; }
.synthlab-table td.num, .synthlab-table th.num { text-align: right; }
.synthlab-table td.null { color: var(--vscode-descriptionForeground, #717171); }
body.vscode-high-contrast .synthlab-view button, body.vscode-high-contrast-light .synthlab-view button,
body.vscode-high-contrast .synthlab-table td, body.vscode-high-contrast-light .synthlab-table td {
  border-color: var(--vscode-contrastBorder, currentColor); }
`;

export function ensureStyles(doc: Document): void {
  if (doc.getElementById(STYLE_ID)) return;
  const style = doc.createElement('style');
  style.id = STYLE_ID;
  style.textContent = CSS;
  doc.head.append(style);
}
