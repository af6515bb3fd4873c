/** Reads VS Code's theme variables for code that needs colours as values (plotly, canvas). */

export interface ThemeColors {
  foreground: string;
  background: string;
  muted: string;
  grid: string;
  kind: 'light' | 'dark' | 'high-contrast';
}

function themeKind(doc: Document): ThemeColors['kind'] {
  const c = doc.body.classList;
  if (c.contains('vscode-high-contrast') || c.contains('vscode-high-contrast-light')) return 'high-contrast';
  return c.contains('vscode-dark') ? 'dark' : 'light';
}

export function readTheme(doc: Document): ThemeColors {
  const css = doc.defaultView?.getComputedStyle(doc.documentElement);
  const v = (name: string, fallback: string) => css?.getPropertyValue(name).trim() || fallback;
  const kind = themeKind(doc);
  const dark = kind === 'dark';
  return {
    kind,
    foreground: v('--vscode-editor-foreground', dark ? '#cccccc' : '#1f1f1f'),
    background: v('--vscode-editor-background', dark ? '#1f1f1f' : '#ffffff'),
    muted: v('--vscode-descriptionForeground', dark ? '#9d9d9d' : '#717171'),
    grid: v('--vscode-editorWidget-border', dark ? '#454545' : '#e0e0e0'),
  };
}

/**
 * Calls `onChange` when VS Code switches theme: it swaps the body's classes and the
 * variables on <html>, so watch both. Returns the disposer.
 */
export function onThemeChange(doc: Document, onChange: () => void): () => void {
  const view = doc.defaultView;
  if (!view || typeof view.MutationObserver !== 'function') return () => undefined;
  const observer = new view.MutationObserver(() => onChange());
  observer.observe(doc.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(doc.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
  return () => observer.disconnect();
}
