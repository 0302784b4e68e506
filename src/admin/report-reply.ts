import type { BotContext } from '../discord/context.ts';
import type { Reply } from '../discord/render/reply.ts';
import { buildReport } from '../report/build.ts';
import { renderReportPage, reportPages } from './report-pages.ts';

/** `/oxytocin-admin report [days]`: 1-90 days (the default retention), 30 when not given. */
export const REPORT_DAYS = { min: 1, max: 90, default: 30 } as const;

/**
 * One page of this server's curator report, built afresh from the store (a button click reads it again, so
 * the buttons carry only the days and the page). A string when there is nothing to build it from.
 */
export async function reportReply(
  ctx: BotContext,
  guildId: string,
  days: number,
  page: number,
): Promise<Reply | string> {
  if (!ctx.store) return 'There is no report: this bot runs without a store (DATA_DIR or DATABASE_URL).';
  const bounded = Math.min(REPORT_DAYS.max, Math.max(REPORT_DAYS.min, days));
  const { report, details } = await buildReport(ctx.store, ctx.kb, { days: bounded, guildId });
  return renderReportPage(reportPages(report, details, ctx.kb), page, bounded);
}
