import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { entryLines } from './entry-lines.ts';
import type { Problem } from './problems.ts';
import { checkKnowledgeBase } from './rules.ts';
import {
  categoriesFileSchema,
  entryFrontMatterSchema,
  LIMITS,
  referencesFileSchema,
  synonymsFileSchema,
  trainingFileSchema,
} from './schema.ts';
import type { Category, Entry, KnowledgeBase, Reference } from './types.ts';
import { parseYaml, splitFrontMatter, type YamlSource } from './yaml-source.ts';

export interface LoadResult {
  /** Present only when there are no problems. */
  kb?: KnowledgeBase;
  problems: Problem[];
  /** Entries that parsed, even when other files have problems (for reports). */
  entries: Entry[];
  /** Things a curator should know that do not stop the knowledge base loading (a training file with no entry). */
  warnings: Problem[];
}

/**
 * Loads and validates the knowledge directory. Never throws for content errors: every problem found in every
 * file is returned, so a curator can fix them all in one pass.
 */
export async function loadKnowledgeBase(dir: string): Promise<LoadResult> {
  const problems: Problem[] = [];
  // Every file is read at once (problems are sorted below, so the order they are found in does not matter).
  const [references, categories, synonyms, about, entries] = await Promise.all([
    loadReferences(dir, problems),
    loadCategories(dir, problems),
    loadSynonyms(dir, problems),
    loadAbout(dir, problems),
    loadEntries(dir, problems),
  ]);
  const warnings: Problem[] = [];
  await loadTraining(dir, entries, problems, warnings);
  if (references && categories) problems.push(...checkKnowledgeBase({ entries, references, categories }));
  // The line look-ups hold each file's parsed YAML document: needed for the checks above, not by a running bot.
  for (const entry of entries) entryLines.delete(entry);
  const sorted = problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  if (sorted.length > 0 || !references || !categories || !synonyms || about === undefined) {
    return { problems: sorted, entries, warnings };
  }
  return { kb: { entries, references, categories, synonyms, about }, problems: [], entries, warnings };
}

async function readText(dir: string, file: string, problems: Problem[]): Promise<string | undefined> {
  try {
    return await readFile(join(dir, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    problems.push({
      file,
      field: 'file',
      message: code === 'ENOENT' ? 'file is missing' : `cannot read (${code})`,
    });
    return undefined;
  }
}

/** Validates parsed YAML against a schema, turning each issue into a problem on the right line. */
function validate<T extends z.ZodType>(
  schema: T,
  source: YamlSource,
  file: string,
  problems: Problem[],
  pathPrefix: PropertyKey[] = [],
): z.output<T> | undefined {
  const result = schema.safeParse(source.data);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [...pathPrefix, ...issue.path];
    problems.push({
      file,
      line: source.lineOf(issue.path),
      field: path.length > 0 ? path.map(String).join('.') : 'fields',
      message:
        issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
    });
  }
  return undefined;
}

async function loadYamlFile<T extends z.ZodType>(
  dir: string,
  file: string,
  schema: T,
  problems: Problem[],
): Promise<{ data: z.output<T>; source: YamlSource } | undefined> {
  const text = await readText(dir, file, problems);
  if (text === undefined) return undefined;
  const parsed = parseYaml(text, file);
  problems.push(...parsed.problems);
  if (!parsed.source) return undefined;
  const data = validate(schema, parsed.source, file, problems);
  return data === undefined ? undefined : { data, source: parsed.source };
}

async function loadReferences(dir: string, problems: Problem[]): Promise<Map<string, Reference> | undefined> {
  const loaded = await loadYamlFile(dir, 'references.yaml', referencesFileSchema, problems);
  if (!loaded) return undefined;
  const map = new Map<string, Reference>();
  for (const [key, r] of Object.entries(loaded.data)) {
    map.set(key, {
      key,
      authors: r.authors,
      year: r.year,
      title: r.title,
      venue: r.venue,
      volumePages: r.volume_pages,
      doi: r.doi,
      pmid: r.pmid,
      url: r.url,
      kind: r.kind,
      verified: r.verified,
    });
  }
  return map;
}

async function loadCategories(dir: string, problems: Problem[]): Promise<Category[] | undefined> {
  const loaded = await loadYamlFile(dir, 'categories.yaml', categoriesFileSchema, problems);
  return loaded && Object.entries(loaded.data).map(([id, c]) => ({ id, ...c }));
}

async function loadSynonyms(dir: string, problems: Problem[]): Promise<string[][] | undefined> {
  const loaded = await loadYamlFile(dir, 'synonyms.yaml', synonymsFileSchema, problems);
  return loaded?.data.map((group) => group.map((w) => w.toLowerCase()));
}

async function loadAbout(dir: string, problems: Problem[]): Promise<string | undefined> {
  const text = await readText(dir, 'about.md', problems);
  if (text === undefined) return undefined;
  const about = text.trim();
  if (about.length === 0 || about.length > LIMITS.aboutMax) {
    problems.push({
      file: 'about.md',
      field: 'text',
      message: `must be 1-${LIMITS.aboutMax} characters (is ${about.length})`,
    });
    return undefined;
  }
  return about;
}

async function loadEntries(dir: string, problems: Problem[]): Promise<Entry[]> {
  let names: string[];
  try {
    names = (await readdir(join(dir, 'entries'))).filter((n) => n.endsWith('.md')).sort();
  } catch {
    problems.push({ file: 'entries/', field: 'folder', message: 'the entries folder is missing' });
    return [];
  }
  // Read together (the disk and the page cache answer in parallel), then parsed in name order.
  const texts = await Promise.all(names.map((name) => readText(dir, `entries/${name}`, problems)));
  const entries: Entry[] = [];
  names.forEach((name, i) => {
    const text = texts[i];
    if (text === undefined) return;
    const entry = parseEntry(text, `entries/${name}`, problems);
    if (entry) entries.push(entry);
  });
  return entries;
}

/**
 * The optional `training/` folder: one `<entry id>.yaml` list of phrasings per entry. A file whose entry is gone
 * (removed, or misnamed) teaches nothing: a warning, not a reason to refuse the knowledge base. One whose entry
 * failed to parse waits silently for the entry's own problem to be fixed.
 */
async function loadTraining(
  dir: string,
  entries: Entry[],
  problems: Problem[],
  warnings: Problem[],
): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(join(dir, 'training'))).filter((n) => !n.startsWith('.')).sort();
  } catch {
    return;
  }
  const byId = new Map(entries.map((e) => [e.id, e]));
  const targets = names.map((name) => {
    const file = `training/${name}`;
    const id = basename(name, '.yaml');
    const entry = name.endsWith('.yaml') ? byId.get(id) : undefined;
    return { name, file, id, entry };
  });
  const files = await Promise.all(
    targets.map((t) => (t.entry ? loadYamlFile(dir, t.file, trainingFileSchema, problems) : undefined)),
  );
  let entryFiles: Set<string> | undefined;
  for (const [i, { name, file, id, entry }] of targets.entries()) {
    if (!entry) {
      entryFiles ??= new Set(await readdir(join(dir, 'entries')).catch(() => []));
      if (!name.endsWith('.yaml') || !entryFiles.has(`${id}.md`)) {
        warnings.push({
          file,
          field: 'file',
          message: name.endsWith('.yaml')
            ? `no entry has the id "${id}", so this file is ignored: name it after the entry it teaches, or delete it`
            : 'ignored: training files are named <entry id>.yaml',
        });
      }
      continue;
    }
    const loaded = files[i];
    if (!loaded) continue;
    entry.training = loaded.data;
    const lines = entryLines.get(entry);
    if (lines) lines.training = { file, lineOf: loaded.source.lineOf };
  }
}

export function parseEntry(text: string, file: string, problems: Problem[]): Entry | undefined {
  const parts = splitFrontMatter(text);
  if (!parts) {
    problems.push({
      file,
      line: 1,
      field: 'front matter',
      message: 'must start with a --- line, the YAML fields, then ---',
    });
    return undefined;
  }
  const parsed = parseYaml(parts.yaml, file, 2);
  problems.push(...parsed.problems);
  if (!parsed.source) return undefined;
  const fm = validate(entryFrontMatterSchema, parsed.source, file, problems);
  const body = parts.body.trim();
  if (!fm) return undefined;
  const expectedId = basename(file, '.md');
  if (fm.id !== expectedId) {
    problems.push({
      file,
      line: parsed.source.lineOf(['id']),
      field: 'id',
      message: `must equal the file name "${expectedId}"`,
    });
  }
  if (body.length < LIMITS.bodyMin || body.length > LIMITS.bodyMax) {
    problems.push({
      file,
      line: parts.bodyLine,
      field: 'body',
      message: `the answer must be ${LIMITS.bodyMin}-${LIMITS.bodyMax} characters (is ${body.length})`,
    });
  }
  const lineOf = parsed.source.lineOf;
  const entry: Entry = { ...fm, training: [], body, file };
  entryLines.set(entry, { lineOf, bodyLine: parts.bodyLine });
  return entry;
}
