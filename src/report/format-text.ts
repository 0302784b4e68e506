import type { KnowledgeBase } from '../knowledge/types.ts';
import { sparkline } from './sparkline.ts';
import { terminalText } from './terminal-text.ts';
import type { Report, ReportDetails, Totals } from './types.ts';

const pct = (n: number, of: number) => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`);
const day = (iso: string) => iso.slice(0, 10);
const quote = (q: string) => `"${terminalText(q)}"`;

/** `npm run report`: what a curator reads, top to bottom. */
export function formatReport(report: Report, details: ReportDetails, kb: KnowledgeBase): string {
  const title = (id: string) => kb.entries.find((e) => e.id === id)?.title;
  const named = (id: string) =>
    title(id) ? `${id} (${title(id)})` : `${id} (no longer in the knowledge base)`;
  const out: string[] = [];
  const lastDay = new Date(Date.parse(report.window.to) - 1).toISOString();
  out.push(
    `Questions from ${day(report.window.from)} to ${day(lastDay)} (${report.window.days} days), ${
      details.guildId ? `server ${details.guildId}` : 'all servers'
    }`,
    '',
  );

  const t = report.totals;
  out.push(
    `Asked ${t.asked} · answered ${t.answered} (${pct(t.answered, t.asked)}) · suggestions ${t.suggestions} · no match ${t.no_match}`,
  );
  const sources = Object.entries(details.bySource) as [string, Totals][];
  if (sources.length > 0) {
    out.push(
      '',
      `  ${'source'.padEnd(14)}${'asked'.padStart(7)}${'answered'.padStart(10)}${'share'.padStart(8)}${'suggest'.padStart(9)}${'none'.padStart(6)}`,
    );
    for (const [source, s] of sources) {
      out.push(
        `  ${source.padEnd(14)}${String(s.asked).padStart(7)}${String(s.answered).padStart(10)}${pct(s.answered, s.asked).padStart(8)}${String(s.suggestions).padStart(9)}${String(s.no_match).padStart(6)}`,
      );
    }
  }
  const asked = details.daily.map((d) => d.asked);
  const share = details.daily.map((d) => (d.asked === 0 ? undefined : d.answered / d.asked));
  out.push(
    '',
    `  asked per day    ${sparkline(asked)}  (most ${Math.max(0, ...asked)} a day)`,
    `  answered share   ${sparkline(share, 1)}  (0-100%; · no questions)`,
    `                   ${day(details.daily[0]?.day ?? report.window.from)}${' '.repeat(Math.max(1, details.daily.length - 20))}${day(details.daily.at(-1)?.day ?? lastDay)}`,
  );

  out.push(
    '',
    `Unanswered questions (${report.unanswered.length} groups, ${report.unanswered.reduce((n, g) => n + g.count, 0)} asked)`,
  );
  if (report.unanswered.length === 0) out.push('  none');
  report.unanswered.forEach((g, i) => {
    out.push(`  ${String(g.count).padStart(4)}×  ${quote(g.question)}  last ${day(g.lastAsked)}`);
    const variants = details.variants[i] ?? [];
    if (variants.length > 0)
      out.push(
        `         also: ${variants.slice(0, 4).map(quote).join(', ')}${variants.length > 4 ? ` and ${variants.length - 4} more` : ''}`,
      );
    if (g.suggestions.length > 0)
      out.push(`         best guesses: ${g.suggestions.slice(0, 3).map(named).join('; ')}`);
    else out.push('         best guesses: none (a new entry, or out of scope?)');
  });

  const flagged = report.feedback.filter((f) => f.notHelpful > 0);
  out.push('', `Marked Not helpful (${flagged.length} entries)`);
  if (flagged.length === 0) out.push('  none');
  for (const f of flagged) {
    out.push(`  ${String(f.notHelpful).padStart(4)}×  ${named(f.entryId)}  (helpful ${f.helpful})`);
    for (const q of f.questions.slice(0, 5)) out.push(`         asked: ${quote(q)}`);
  }
  const liked = report.feedback.filter((f) => f.notHelpful === 0);
  if (liked.length > 0)
    out.push(`  marked only Helpful: ${liked.map((f) => `${f.entryId} (${f.helpful})`).join(', ')}`);

  out.push('', `Picked from a menu: ready-made alternate questions (${report.picked.length})`);
  if (report.picked.length === 0) out.push('  none');
  report.picked.forEach((p, i) => {
    const menus = (details.pickMenus[i] ?? []).join(', ');
    out.push(`  ${String(p.count).padStart(4)}×  ${quote(p.question)} → ${named(p.entryId)}  [${menus}]`);
  });
  out.push('  `npm run report -- --picks` prints the kb:add-question commands for the frequent ones.');

  out.push('', `Entries nobody reached (${report.neverReached.length} of ${kb.entries.length})`);
  if (report.neverReached.length === 0) out.push('  none');
  else out.push(...wrap(report.neverReached.join(', '), 100).map((l) => `  ${l}`));
  return out.join('\n');
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
