import { entryLines } from './entry-lines.ts';
import type { Problem } from './problems.ts';
import type { Category, Entry, Reference } from './types.ts';

/** Categories whose answers touch health decisions or contested science: they need two sources. */
export const TWO_SOURCE_CATEGORIES: ReadonlySet<string> = new Set(['clinical', 'medicine', 'safety']);

/** Categories whose answers must open with what to do now, for someone who has already taken something. */
export const URGENT_CATEGORIES: ReadonlySet<string> = new Set(['safety']);

/** Words that read as selling something. The knowledge base informs; it never promotes. */
const PROMOTIONAL =
  /\b(buy now|order now|discount|coupon|promo code|best price|free shipping|limited offer|\d+% off|on sale|affiliate|sponsored)\b/i;

interface Parts {
  entries: Entry[];
  references: Map<string, Reference>;
  categories: Category[];
}

/** Rules that span files: identity, references, markers, related ids, duplicated questions. */
export function checkKnowledgeBase({ entries, references, categories }: Parts): Problem[] {
  const problems: Problem[] = [];
  const categoryIds = new Set(categories.map((c) => c.id));
  const ids = new Map<string, Entry>();
  const questionOwner = new Map<string, Entry>();
  const cited = new Set<string>();

  for (const entry of entries) {
    const at = (field: string, path: PropertyKey[], message: string) =>
      problems.push({ file: entry.file, line: entryLines.get(entry)?.lineOf(path), field, message });

    const twin = ids.get(entry.id);
    if (twin) at('id', ['id'], `duplicate id: also used by ${twin.file}`);
    else ids.set(entry.id, entry);

    if (!categoryIds.has(entry.category)) {
      at(
        'category',
        ['category'],
        `unknown category "${entry.category}"; use one of: ${[...categoryIds].join(', ')}`,
      );
    }

    entry.citations.forEach((key, i) => {
      cited.add(key);
      if (!references.has(key))
        at(`citations.${i}`, ['citations', i], `unknown reference key "${key}" (not in references.yaml)`);
    });
    const dupCitation = entry.citations.find((k, i) => entry.citations.indexOf(k) !== i);
    if (dupCitation) at('citations', ['citations'], `"${dupCitation}" is listed twice`);
    if (entry.evidence === 'mixed' && entry.citations.length < 2) {
      at('citations', ['citations'], 'a "mixed" entry cites at least 2 sources: the findings on each side');
    }
    if (TWO_SOURCE_CATEGORIES.has(entry.category) && entry.citations.length < 2) {
      at('citations', ['citations'], `${entry.category} entries need at least 2 citations`);
    }
    if (URGENT_CATEGORIES.has(entry.category) && !entry.urgent) {
      at(
        'urgent',
        ['category'],
        `${entry.category} entries need an "urgent" line: what to do if it is happening now`,
      );
    }

    const markers = new Set([...entry.body.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
    const bodyLine = entryLines.get(entry)?.bodyLine;
    for (const n of markers) {
      if (n < 1 || n > entry.citations.length) {
        problems.push({
          file: entry.file,
          line: bodyLine,
          field: 'body',
          message: `marker [${n}] has no citation (citations lists ${entry.citations.length})`,
        });
      }
    }
    entry.citations.forEach((key, i) => {
      if (!markers.has(i + 1))
        at(`citations.${i}`, ['citations', i], `"${key}" is never cited: the body has no [${i + 1}] marker`);
    });

    entry.related.forEach((id, i) => {
      if (id === entry.id) at(`related.${i}`, ['related', i], 'an entry cannot be related to itself');
    });

    const seenHere = new Set<string>();
    const training = entryLines.get(entry)?.training;
    const phrasings = [
      ...entry.questions.map((q, i) => ({
        q,
        at: (m: string) => at(`questions.${i}`, ['questions', i], m),
      })),
      ...entry.training.map((q, i) => ({
        q,
        at: (m: string) =>
          problems.push({
            file: training?.file ?? entry.file,
            line: training?.lineOf([i]),
            field: `${i}`,
            message: m,
          }),
      })),
    ];
    for (const { q, at: report } of phrasings) {
      const key = normalizeQuestion(q);
      if (seenHere.has(key)) {
        report(`"${q}" is listed twice for this entry (questions and training count together)`);
        continue;
      }
      seenHere.add(key);
      const owner = questionOwner.get(key);
      if (owner && owner !== entry) report(`"${q}" is also a question of ${owner.file}`);
      else questionOwner.set(key, entry);
    }

    const promo = PROMOTIONAL.exec(`${entry.title}\n${entry.body}`);
    if (promo) at('body', [], `promotional wording "${promo[0]}": the knowledge base never sells`);
  }

  for (const entry of entries) {
    entry.related.forEach((id, i) => {
      if (id !== entry.id && !ids.has(id)) {
        problems.push({
          file: entry.file,
          line: entryLines.get(entry)?.lineOf(['related', i]),
          field: `related.${i}`,
          message: `no entry has the id "${id}"`,
        });
      }
    });
  }

  for (const key of references.keys()) {
    if (!cited.has(key)) {
      problems.push({
        file: 'references.yaml',
        field: key,
        message: 'this reference is not cited by any entry; cite it or remove it',
      });
    }
  }
  return problems;
}

/** Two questions that differ only in case, spacing or punctuation are the same question. */
export function normalizeQuestion(q: string): string {
  return q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
