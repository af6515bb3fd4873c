/**
 * DOM helpers. Payload text only ever reaches the page through `textContent` or attribute
 * setters of fixed names: never innerHTML, never a payload-chosen attribute or URL.
 */

interface ElProps {
  className?: string;
  text?: string;
  title?: string;
  /** Fixed attribute names chosen by our code (aria-*, role, type, ...). */
  attrs?: Record<string, string>;
}

export function el<K extends keyof HTMLElementTagNameMap>(
  doc: Document, tag: K, props: ElProps = {}, children: Node[] = [],
): HTMLElementTagNameMap[K] {
  const node = doc.createElement(tag);
  if (props.className) node.className = props.className;
  if (props.text !== undefined) node.textContent = props.text;
  if (props.title !== undefined) node.title = props.title;
  for (const [k, v] of Object.entries(props.attrs ?? {})) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

export function button(doc: Document, label: string, title: string, onClick: () => void): HTMLButtonElement {
  const b = el(doc, 'button', { text: label, title, attrs: { type: 'button', 'aria-label': title } });
  b.addEventListener('click', onClick);
  return b;
}

/** The inline message shown instead of an output that cannot be drawn. */
export function errorBox(doc: Document, mime: string, problems: string[]): HTMLElement {
  const shown = problems.slice(0, 8);
  const more = problems.length - shown.length;
  return el(doc, 'div', { className: 'synthlab-error', attrs: { role: 'alert' } }, [
    el(doc, 'strong', { text: `Synthlab cannot show this output (${mime})` }),
    el(doc, 'ul', {}, [
      ...shown.map((p) => el(doc, 'li', { text: p })),
      ...(more > 0 ? [el(doc, 'li', { text: `…and ${more} more` })] : []),
    ]),
  ]);
}

/** A labelled range input; `onInput` gets the numeric value. */
export function slider(
  doc: Document, label: string, opts: { min: number; max: number; step: number; value: number },
  onInput: (value: number) => void,
): { root: HTMLElement; input: HTMLInputElement } {
  const input = el(doc, 'input', { attrs: { type: 'range', 'aria-label': label } });
  input.min = String(opts.min);
  input.max = String(opts.max);
  input.step = String(opts.step);
  input.value = String(opts.value);
  input.addEventListener('input', () => onInput(Number(input.value)));
  return { root: el(doc, 'label', { className: 'synthlab-field' }, [el(doc, 'span', { text: label }), input]), input };
}

export function checkbox(doc: Document, label: string, checked: boolean, onChange: (checked: boolean) => void): HTMLInputElement {
  const input = el(doc, 'input', { attrs: { type: 'checkbox' } });
  input.checked = checked;
  input.addEventListener('change', () => onChange(input.checked));
  return input;
}

/** Turns a title into a safe file name stem. */
export function fileStem(title: string | undefined, fallback: string): string {
  const stem = (title ?? '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return stem || fallback;
}
