import { evidenceLine } from '../engine/evidence.ts';
import { EXAMPLE_QUESTIONS } from '../engine/examples.ts';
import type { AskResult } from '../engine/types.ts';

/** An ask result as a person reads it in a terminal. */
export function formatAskResult(result: AskResult): string {
  if (result.status === 'answered' && result.answer) {
    const a = result.answer;
    return [
      ...(a.urgent ? [`IF THIS IS HAPPENING NOW: ${a.urgent}`, ''] : []),
      a.title,
      '-'.repeat(Math.min(a.title.length, 72)),
      a.text,
      '',
      evidenceLine(a.evidence),
      '',
      'Sources:',
      ...a.citations.map((c, i) => `  [${i + 1}] ${c.label}: ${c.url}`),
      '',
      'Not medical advice. For health decisions, talk to a doctor, midwife or pharmacist.',
    ].join('\n');
  }
  if (result.status === 'suggestions') {
    return ['Did you mean...', ...result.suggestions.map((s) => `  - ${s.title}`)].join('\n');
  }
  return [
    "Sorry, I don't have an answer for that. I only know about oxytocin, from a curated, cited knowledge base.",
    'Try for example:',
    ...EXAMPLE_QUESTIONS.map((q) => `  - ${q}`),
  ].join('\n');
}
