import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { Problem } from './problems.ts';

/** A parsed YAML document that can tell the line of any field, for curator-friendly error messages. */
export interface YamlSource {
  data: unknown;
  /** The 1-based file line of the node at `path`, or of its nearest ancestor that has one. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
}

/**
 * Parses YAML text. `firstLine` is the file line the text starts on (front matter starts on line 2).
 * Syntax errors come back as problems with file and line, never as exceptions.
 */
export function parseYaml(
  text: string,
  file: string,
  firstLine = 1,
): { source?: YamlSource; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const toFileLine = (offset: number) => lineCounter.linePos(offset).line + firstLine - 1;
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        file,
        line: toFileLine(e.pos[0]),
        field: 'yaml',
        message: `YAML syntax error: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  const lineOf = (path: readonly PropertyKey[]): number | undefined => {
    for (let depth = path.length; depth >= 0; depth--) {
      const node = findNode(doc.contents, path.slice(0, depth));
      if (node?.range) return toFileLine(node.range[0]);
    }
    return undefined;
  };
  return { source: { data: doc.toJS(), lineOf }, problems: [] };
}

function findNode(root: unknown, path: readonly PropertyKey[]): Node | undefined {
  let node = root as Node | undefined;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value) === String(key));
      if (!pair) return undefined;
      node = (pair.value ?? pair.key) as Node;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key] as Node | undefined;
    } else {
      return undefined;
    }
  }
  return node;
}

/** Splits `---\n<yaml>\n---\n<body>`; null when the file does not start with front matter. */
export function splitFrontMatter(text: string): { yaml: string; body: string; bodyLine: number } | null {
  const normalized = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const match = /^---\n([\s\S]*?)\n---[ \t]*(?:\n|$)/.exec(normalized);
  if (!match) return null;
  const yaml = match[1] ?? '';
  return {
    yaml,
    body: normalized.slice(match[0].length),
    bodyLine: yaml.split('\n').length + 3,
  };
}
