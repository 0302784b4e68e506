import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblem, loadKnowledgeBase } from '../knowledge/index.ts';
import { phrasingsOf } from '../knowledge/phrasings.ts';
import { normalizeQuestion } from '../knowledge/rules.ts';
import { LIMITS } from '../knowledge/schema.ts';
import { insertQuestion } from './insert-question.ts';

export type AddQuestionResult =
  | { ok: true; file: string; questions: number }
  | { ok: false; message: string; problems?: string[] };

/**
 * Appends an alternate question to an entry's front matter, then validates the whole knowledge base. Refuses
 * an unknown id, a question some entry already has (as a question or as its title), and any edit that does
 * not validate (the file is put back as it was).
 */
export async function addQuestion(
  dir: string,
  entryId: string,
  rawQuestion: string,
): Promise<AddQuestionResult> {
  const question = rawQuestion.replace(/\s+/g, ' ').trim();
  if (question.length < LIMITS.questionMin || question.length > LIMITS.questionMax) {
    return {
      ok: false,
      message: `The question must be ${LIMITS.questionMin}-${LIMITS.questionMax} characters (is ${question.length}).`,
    };
  }
  const before = await loadKnowledgeBase(dir);
  if (before.problems.length > 0) {
    return {
      ok: false,
      message: `The knowledge base in ${dir} already has ${before.problems.length} problem(s); fix them first (npm run kb:check).`,
      problems: before.problems.map(formatProblem),
    };
  }
  const entry = before.entries.find((e) => e.id === entryId);
  if (!entry) return { ok: false, message: `No entry has the id "${entryId}" in ${dir}.` };
  const key = normalizeQuestion(question);
  const owner = before.entries.find(
    (e) => normalizeQuestion(e.title) === key || phrasingsOf(e).some((q) => normalizeQuestion(q) === key),
  );
  if (owner) return { ok: false, message: `"${question}" is already a question of ${owner.file}.` };

  const path = join(dir, entry.file);
  const original = await readFile(path, 'utf8');
  const edited = insertQuestion(original, question);
  if (edited === undefined) {
    return { ok: false, message: `${entry.file} has no questions list I can add to; edit it by hand.` };
  }
  await writeFile(path, edited);
  const after = await loadKnowledgeBase(dir);
  const added = after.entries.find((e) => e.id === entryId);
  if (after.problems.length > 0 || !added?.questions.includes(question)) {
    await writeFile(path, original);
    return {
      ok: false,
      message: `Adding it would break the knowledge base, so ${entry.file} is unchanged.`,
      problems: after.problems.map(formatProblem),
    };
  }
  return { ok: true, file: entry.file, questions: added.questions.length };
}
