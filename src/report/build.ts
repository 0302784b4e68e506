import { normalizeQuestion } from '../knowledge/rules.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import type { QuestionSource, Store, Window } from '../store/types.ts';
import { groupUnanswered, top } from './group.ts';
import type { FeedbackSummary, PickSummary, Report, ReportDetails, Totals } from './types.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface ReportOptions {
  /** The last N days, today (UTC) included. */
  days: number;
  guildId?: string;
  now?: Date;
}

/** The report's window: whole UTC days, the last `days` of them, ending at the end of today. */
export function reportWindow({ days, guildId, now = new Date() }: ReportOptions): Window {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY_MS);
  return { from: new Date(to.getTime() - days * DAY_MS), to, ...(guildId ? { guildId } : {}) };
}

/** Everything a curator needs, from the store's queries and the knowledge base (for unreached entries). */
export async function buildReport(
  store: Store,
  kb: KnowledgeBase,
  options: ReportOptions,
): Promise<{ report: Report; details: ReportDetails }> {
  const window = reportWindow(options);
  const [daily, unansweredRows, feedbackRows, pickRows, reached] = await Promise.all([
    store.dailyCounts(window),
    store.unanswered(window),
    store.feedbackCounts(window),
    store.pickCounts(window),
    store.reachedEntryIds(window),
  ]);

  const totals = emptyTotals();
  const bySource: ReportDetails['bySource'] = {};
  const perDay = new Map<string, { asked: number; answered: number }>();
  for (const c of daily) {
    add(totals, c.status, c.count);
    bySource[c.source] ??= emptyTotals();
    add(bySource[c.source] as Totals, c.status, c.count);
    const d = perDay.get(c.day) ?? { asked: 0, answered: 0 };
    d.asked += c.count;
    if (c.status === 'answered') d.answered += c.count;
    perDay.set(c.day, d);
  }
  const days: ReportDetails['daily'] = [];
  for (let t = window.from.getTime(); t < window.to.getTime(); t += DAY_MS) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push({ day, ...(perDay.get(day) ?? { asked: 0, answered: 0 }) });
  }

  const { groups, variants } = groupUnanswered(unansweredRows);
  const reachedIds = new Set(reached);
  const report: Report = {
    window: { from: window.from.toISOString(), to: window.to.toISOString(), days: options.days },
    totals,
    unanswered: groups,
    feedback: summariseFeedback(feedbackRows),
    picked: [],
    neverReached: kb.entries
      .map((e) => e.id)
      .filter((id) => !reachedIds.has(id))
      .sort(),
  };
  const picks = summarisePicks(pickRows);
  report.picked = picks.map((p) => p.summary);
  return {
    report,
    details: {
      ...(options.guildId ? { guildId: options.guildId } : {}),
      bySource: sortSources(bySource),
      daily: days,
      variants,
      pickMenus: picks.map((p) => p.menus),
    },
  };
}

function emptyTotals(): Totals {
  return { asked: 0, answered: 0, suggestions: 0, no_match: 0 };
}

function add(t: Totals, status: 'answered' | 'suggestions' | 'no_match', n: number): void {
  t.asked += n;
  t[status] += n;
}

function sortSources(s: ReportDetails['bySource']): ReportDetails['bySource'] {
  const entries = Object.entries(s) as [QuestionSource, Totals][];
  return Object.fromEntries(entries.sort((a, b) => b[1].asked - a[1].asked));
}

function summariseFeedback(rows: Awaited<ReturnType<Store['feedbackCounts']>>): FeedbackSummary[] {
  const byEntry = new Map<string, { helpful: number; notHelpful: number; questions: Map<string, number> }>();
  for (const r of rows) {
    const e = byEntry.get(r.entryId) ?? { helpful: 0, notHelpful: 0, questions: new Map<string, number>() };
    if (r.helpful) e.helpful += r.count;
    else {
      e.notHelpful += r.count;
      if (r.question) e.questions.set(r.question, (e.questions.get(r.question) ?? 0) + r.count);
    }
    byEntry.set(r.entryId, e);
  }
  return [...byEntry.entries()]
    .map(([entryId, e]) => ({
      entryId,
      helpful: e.helpful,
      notHelpful: e.notHelpful,
      questions: top(e.questions),
    }))
    .sort(
      (a, b) => b.notHelpful - a.notHelpful || a.helpful - b.helpful || a.entryId.localeCompare(b.entryId),
    );
}

/** Picks of the same entry for the same normalised question are one line; its wording is the most frequent. */
function summarisePicks(
  rows: Awaited<ReturnType<Store['pickCounts']>>,
): { summary: PickSummary; menus: string[] }[] {
  const groups = new Map<
    string,
    { entryId: string; count: number; wordings: Map<string, number>; menus: Set<string> }
  >();
  for (const r of rows) {
    const key = `${r.entryId}\u0000${normalizeQuestion(r.question)}`;
    const g = groups.get(key) ?? {
      entryId: r.entryId,
      count: 0,
      wordings: new Map<string, number>(),
      menus: new Set<string>(),
    };
    g.count += r.count;
    g.wordings.set(r.question, (g.wordings.get(r.question) ?? 0) + r.count);
    g.menus.add(r.menu);
    groups.set(key, g);
  }
  return [...groups.values()]
    .map((g) => ({
      summary: { question: top(g.wordings)[0] ?? '', entryId: g.entryId, count: g.count },
      menus: [...g.menus].sort(),
    }))
    .sort(
      (a, b) => b.summary.count - a.summary.count || a.summary.question.localeCompare(b.summary.question),
    );
}
