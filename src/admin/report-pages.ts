import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  type MessageActionRowComponentBuilder,
} from 'discord.js';
import { encodeCustomId } from '../discord/custom-ids.ts';
import { clip, DISCORD_LIMITS as L } from '../discord/render/limits.ts';
import type { Reply } from '../discord/render/reply.ts';
import { safeUserText } from '../discord/render/user-text.ts';
import type { KnowledgeBase } from '../knowledge/types.ts';
import { sparkline } from '../report/sparkline.ts';
import type { Report, ReportDetails, Totals } from '../report/types.ts';

const REPORT_COLOR = 0x3ba55d;
const IDS_PER_ITEM = 20;
/**
 * Characters of one page's description. Well under the 4096 a description may hold and the 6000 of a whole
 * message with its title and footer, and short enough to read on a phone.
 */
export const PAGE_CHARS = 3000;
/** One item (an unanswered group with its wordings and guesses) is cut here so a page holds several. */
const ITEM_CHARS = 700;

/**
 * The most a section shows in Discord (the most frequent first); past it, one line points at the terminal
 * report, which lists everything. Enough to act on, and a report of any size stays a few dozen pages.
 */
export const SECTION_ITEMS = 50;

interface Section {
  title: string;
  items: string[];
  empty: string;
  /** Things listed in each item (ids are listed twenty to an item). */
  perItem?: number;
}

const pct = (n: number, of: number) => (of === 0 ? '-' : `${((100 * n) / of).toFixed(1)}%`);
const day = (iso: string) => iso.slice(0, 10);
const quote = (q: string) => `"${safeUserText(q, 150)}"`;

/**
 * The curator report (the same data as `npm run report --guild`) as pages of one embed each: the overview
 * with the per-day sparklines first, then the unanswered questions, the entries marked Not helpful, the picks
 * and the entries nobody reached. Every page stays within Discord's embed limits whatever the report's size.
 */
export function reportPages(report: Report, details: ReportDetails, kb: KnowledgeBase): Page[] {
  const title = (id: string) => kb.entries.find((e) => e.id === id)?.title;
  const named = (id: string) =>
    `\`${id}\`${title(id) ? ` (${title(id)})` : ' (no longer in the knowledge base)'}`;
  const overviewPage: Page = { title: 'Questions asked here', body: overview(report, details) };

  const sections: Section[] = [
    {
      title: `Unanswered questions (${report.unanswered.length} groups, ${report.unanswered.reduce((n, g) => n + g.count, 0)} asked)`,
      empty: 'none',
      items: report.unanswered.map((g, i) => {
        const lines = [`**${g.count}×** ${quote(g.question)} · last ${day(g.lastAsked)}`];
        const variants = details.variants[i] ?? [];
        if (variants.length > 0)
          lines.push(
            `also: ${variants.slice(0, 3).map(quote).join(', ')}${variants.length > 3 ? ` and ${variants.length - 3} more` : ''}`,
          );
        lines.push(
          g.suggestions.length > 0
            ? `best guesses: ${g.suggestions.slice(0, 3).map(named).join('; ')}`
            : 'best guesses: none (a new entry, or out of scope?)',
        );
        return clip(lines.join('\n'), ITEM_CHARS);
      }),
    },
    {
      title: `Marked Not helpful (${report.feedback.filter((f) => f.notHelpful > 0).length} entries)`,
      empty: 'none',
      items: report.feedback
        .filter((f) => f.notHelpful > 0)
        .map((f) =>
          clip(
            [
              `**${f.notHelpful}×** ${named(f.entryId)} (helpful ${f.helpful})`,
              ...f.questions.slice(0, 3).map((q) => `asked: ${quote(q)}`),
            ].join('\n'),
            ITEM_CHARS,
          ),
        ),
    },
    {
      title: `Picked from a menu: ready-made alternate questions (${report.picked.length})`,
      empty: 'none',
      items: report.picked.map((p, i) =>
        clip(
          `**${p.count}×** ${quote(p.question)} → ${named(p.entryId)} [${(details.pickMenus[i] ?? []).join(', ')}]`,
          ITEM_CHARS,
        ),
      ),
    },
    {
      title: `Entries nobody reached (${report.neverReached.length} of ${kb.entries.length})`,
      empty: 'none',
      // Twenty ids a paragraph: short, and a long list still takes few pages.
      perItem: IDS_PER_ITEM,
      items: chunk(report.neverReached, IDS_PER_ITEM).map((ids) => ids.map((id) => `\`${id}\``).join(', ')),
    },
  ];
  const more = (n: number) =>
    `… and ${n} more: \`npm run report -- --guild ${details.guildId ?? '<server id>'} --days ${report.window.days}\` lists them all.`;
  for (const section of sections) {
    if (section.items.length > SECTION_ITEMS) {
      const shown = section.items.slice(0, SECTION_ITEMS);
      const perItem = section.perItem ?? 1;
      const total = perItem === 1 ? section.items.length : report.neverReached.length;
      section.items = [...shown, more(total - SECTION_ITEMS * perItem)];
    }
  }
  return [overviewPage, ...sections.flatMap(paginate)];
}

export interface Page {
  title: string;
  body: string;
}

function overview(report: Report, details: ReportDetails): string {
  const t = report.totals;
  const lastDay = new Date(Date.parse(report.window.to) - 1).toISOString();
  const asked = details.daily.map((d) => d.asked);
  const share = details.daily.map((d) => (d.asked === 0 ? undefined : d.answered / d.asked));
  const lines = [
    `${day(report.window.from)} to ${day(lastDay)} (${report.window.days} days)`,
    '```',
    `asked per day   ${sparkline(asked)}  (most ${Math.max(0, ...asked)} a day)`,
    `answered share  ${sparkline(share, 1)}  (0-100%; · none asked)`,
    '```',
    `Asked **${t.asked}** · answered **${t.answered}** (${pct(t.answered, t.asked)}) · suggestions ${t.suggestions} · no match ${t.no_match}`,
  ];
  const sources = Object.entries(details.bySource) as [string, Totals][];
  if (sources.length > 0) {
    lines.push(
      '```',
      `${'source'.padEnd(13)}${'asked'.padStart(7)}${'answered'.padStart(10)}${'share'.padStart(8)}`,
      ...sources.map(
        ([source, s]) =>
          `${source.padEnd(13)}${String(s.asked).padStart(7)}${String(s.answered).padStart(10)}${pct(s.answered, s.asked).padStart(8)}`,
      ),
      '```',
    );
  }
  return lines.join('\n');
}

function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A section's items packed into pages of at most PAGE_CHARS; a long section continues on the next pages. */
function paginate(section: Section): Page[] {
  if (section.items.length === 0) return [{ title: section.title, body: section.empty }];
  const pages: Page[] = [];
  let body = '';
  for (const item of section.items) {
    if (body && body.length + 2 + item.length > PAGE_CHARS) {
      pages.push({ title: section.title, body });
      body = '';
    }
    body = body ? `${body}\n\n${item}` : item;
  }
  if (body) pages.push({ title: section.title, body });
  return pages.map((p, i) => (i === 0 ? p : { ...p, title: `${section.title}, continued` }));
}

/** One page as an ephemeral message: the embed and Previous / Next buttons that carry the days and the page. */
export function renderReportPage(pages: Page[], page: number, days: number): Reply {
  const current = Math.min(Math.max(0, page), pages.length - 1);
  const shown = pages[current] as Page;
  const embed = new EmbedBuilder()
    .setColor(REPORT_COLOR)
    .setTitle(clip(shown.title, L.embedTitle))
    .setDescription(clip(shown.body, L.embedDescription))
    .setFooter({ text: `Page ${current + 1} of ${pages.length} · curator report, last ${days} days` });
  const button = (label: string, to: number, disabled: boolean) =>
    new ButtonBuilder()
      .setCustomId(encodeCustomId({ action: 'report', days, page: to, toward: label === 'Next' ? 'n' : 'p' }))
      .setLabel(label)
      .setStyle(ButtonStyle.Secondary)
      .setDisabled(disabled);
  const row = new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
    button('Previous', current - 1, current === 0),
    button('Next', current + 1, current >= pages.length - 1),
  );
  return { embeds: [embed.toJSON()], components: pages.length > 1 ? [row.toJSON()] : [] };
}
