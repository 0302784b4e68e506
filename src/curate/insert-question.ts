import { isMap, isSeq, type Node, parseDocument, stringify } from 'yaml';

/**
 * Adds one item to the `questions:` list of an entry file's front matter by inserting text, so everything
 * else (comments, quoting, key order, line breaks, the body) stays byte for byte as the curator wrote it.
 * Block lists get a new `- item` line in the same indentation after the last item; flow lists (`[a, b]`) get
 * `, "item"` before the `]`. Returns undefined when the file has no questions list to add to.
 */
export function insertQuestion(fileText: string, question: string): string | undefined {
  const bom = fileText.startsWith('\uFEFF') ? '\uFEFF' : '';
  const crlf = fileText.includes('\r\n');
  const text = fileText.slice(bom.length).replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(text);
  if (!match) return undefined;
  const yamlStart = 4; // after "---\n"
  const yaml = match[1] ?? '';
  const doc = parseDocument(yaml);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const pair = doc.contents.items.find((p) => String((p.key as { value?: unknown })?.value) === 'questions');
  const list = pair?.value as Node | undefined;
  if (!isSeq(list) || !list.range) return undefined;

  let edited: string;
  if (list.flow) {
    // The `]` is the last character of the list node.
    const close = yamlStart + list.range[1] - 1;
    const separator = list.items.length > 0 ? ', ' : '';
    edited = `${text.slice(0, close)}${separator}${JSON.stringify(question)}${text.slice(close)}`;
  } else {
    const last = list.items.at(-1) as Node | undefined;
    if (!last?.range) return undefined;
    const itemStart = yamlStart + last.range[0];
    const lineStart = text.lastIndexOf('\n', itemStart - 1) + 1;
    const prefix = text.slice(lineStart, itemStart); // e.g. "  - "
    if (!/^\s*-\s+$/.test(prefix)) return undefined;
    const itemEnd = yamlStart + last.range[1];
    const lineEnd = text.indexOf('\n', itemEnd - 1);
    const at = lineEnd === -1 ? text.length : lineEnd;
    edited = `${text.slice(0, at)}\n${prefix}${blockScalar(question)}${text.slice(at)}`;
  }
  return bom + (crlf ? edited.replace(/\n/g, '\r\n') : edited);
}

/** The question as a one-line YAML scalar: plain when YAML allows it, else double-quoted. */
function blockScalar(question: string): string {
  const plain = stringify(question, { lineWidth: 0 }).trimEnd();
  return plain.includes('\n') ? JSON.stringify(question) : plain;
}
