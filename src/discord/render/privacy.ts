import type { Privacy } from '../context.ts';

/** The one plain sentence /oxytocin about (and the README) says about what is kept. */
export function privacySentence(p: Privacy): string {
  if (p.recordQuestions === 'off') return 'This bot keeps no record of the questions asked.';
  const what = p.recordQuestions === 'all' ? 'the questions asked' : 'the questions it could not answer';
  return `To improve its answers, this bot keeps ${what}, the Helpful / Not helpful clicks and the suggestions picked, with the server they came from, for ${p.retentionDays} days; it never stores who asked, so nobody is identified.`;
}
