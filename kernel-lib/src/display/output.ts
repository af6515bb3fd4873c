/** A displayable result: one Jupyter MIME bundle, vendor JSON first, fallbacks after. */
import type { MimeBundle } from './mime';

export class RichOutput {
  /**
   * @param bundle MIME type → data. `+json` types hold JSON objects; `image/png` a base64
   *   string; `text/plain` should always be present (the last-resort rendering).
   */
  constructor(readonly bundle: MimeBundle) {
    if (typeof bundle['text/plain'] !== 'string') {
      throw new Error('RichOutput: every bundle needs a text/plain fallback');
    }
  }

  /** The plain-text rendering (what a terminal or a log shows). */
  toString(): string {
    return this.bundle['text/plain'] as string;
  }

  /** The MIME types present, richest first (insertion order). */
  get mimeTypes(): string[] {
    return Object.keys(this.bundle);
  }
}

/** Escapes text for HTML/SVG content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}
