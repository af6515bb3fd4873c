/**
 * plotly reads titles, names and labels as pseudo-HTML (<b>, <a href>, entities). Payload text
 * must show as typed, so escape the markup characters; plotly decodes the entities back.
 */
export function plotText(text: string | undefined): string | undefined {
  return text === undefined ? undefined : text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
