import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  type MessageActionRowComponentBuilder,
  StringSelectMenuBuilder,
} from 'discord.js';
import { citationLabel } from '../../engine/answer.ts';
import { EVIDENCE_LEGEND } from '../../engine/evidence.ts';
import { EXAMPLE_QUESTIONS } from '../../engine/examples.ts';
import type { AskResult } from '../../engine/types.ts';
import type { Entry, EvidenceLevel, KnowledgeBase } from '../../knowledge/types.ts';
import { type ComponentAction, encodeCustomId } from '../custom-ids.ts';
import { clip, DISCORD_LIMITS as L } from './limits.ts';
import type { Reply } from './reply.ts';
import { safeUserText } from './user-text.ts';

export const EVIDENCE_COLORS: Record<EvidenceLevel, number> = {
  established: 0x2e9e5b,
  mixed: 0xe0a526,
  preliminary: 0x3b82c4,
  'animal-only': 0x8e5bb5,
};
const NEUTRAL = 0x7f8c9a;
const URGENT = 0xd64545;
export const URGENT_FIELD_NAME = '⚠️ If this is happening now';

type Row = ActionRowBuilder<MessageActionRowComponentBuilder>;

export interface AnswerRenderOptions {
  /** Adds a "Share in channel" button (for private answers). */
  shareable?: boolean;
  /** The question asked, shown above the answer when it differs from the entry's title. */
  question?: string;
  /** Engine confidence, carried in the feedback buttons' ids for the feedback log. */
  confidence?: number;
  /** What picking from the "did you mean" menu does (default: answer the person who picks). */
  pickAction?: Extract<ComponentAction, { action: 'pick' | 'pick-for' | 'pick-reply' }>;
}

/** One entry as an embed: title, answer with [n] markers, evidence line, numbered source links, footer. */
export function answerEmbed(entry: Entry, kb: KnowledgeBase): EmbedBuilder {
  const legend = EVIDENCE_LEGEND[entry.evidence];
  const sources = entry.citations.map((key, i) => {
    const ref = kb.references.get(key);
    const label = ref ? citationLabel(ref).replace(/[[\]]/g, '') : key;
    return `[${i + 1}] [${label}](${ref?.url ?? ''})`;
  });
  return new EmbedBuilder()
    .setColor(EVIDENCE_COLORS[entry.evidence])
    .setTitle(clip(entry.title, L.embedTitle))
    .setDescription(clip(entry.body, L.embedDescription))
    .addFields(
      { name: 'Evidence', value: clip(`**${legend.label}**: ${legend.meaning}`, L.fieldValue) },
      { name: 'Sources', value: clip(joinLines(sources, L.fieldValue), L.fieldValue) },
    )
    .setFooter({ text: `Not medical advice · reviewed ${entry.reviewed}` });
}

/** The answer message: embed plus Sources / Helpful / Not helpful buttons and a Related menu. */
export function renderEntry(entry: Entry, kb: KnowledgeBase, options: AnswerRenderOptions = {}): Reply {
  const buttons = new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(encodeCustomId({ action: 'sources', entryId: entry.id }))
      .setLabel('Sources')
      .setEmoji('📚')
      .setStyle(ButtonStyle.Secondary),
    ...[true, false].map((helpful) =>
      new ButtonBuilder()
        .setCustomId(
          encodeCustomId({
            action: 'feedback',
            entryId: entry.id,
            helpful,
            confidence: options.confidence ?? 1,
          }),
        )
        .setLabel(helpful ? 'Helpful' : 'Not helpful')
        .setEmoji(helpful ? '👍' : '👎')
        .setStyle(ButtonStyle.Secondary),
    ),
  );
  if (options.shareable) {
    buttons.addComponents(
      new ButtonBuilder()
        .setCustomId(encodeCustomId({ action: 'share', entryId: entry.id }))
        .setLabel('Share in channel')
        .setStyle(ButtonStyle.Primary),
    );
  }
  const rows: Row[] = [buttons];
  const related = entry.related
    .map((id) => kb.entries.find((e) => e.id === id))
    .filter((e): e is Entry => !!e);
  if (related.length > 0) {
    rows.push(
      new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(
        new StringSelectMenuBuilder()
          .setCustomId(encodeCustomId({ action: 'related', entryId: entry.id }))
          .setPlaceholder('Related questions')
          .addOptions(
            related
              .slice(0, L.selectOptions)
              .map((e) => ({ label: clip(e.title, L.selectLabel), value: e.id })),
          ),
      ),
    );
  }
  const content = options.question ? `> ${safeUserText(options.question)}` : undefined;
  const embeds = [answerEmbed(entry, kb).toJSON()];
  if (entry.urgent) embeds.unshift(urgentEmbed(entry.urgent).toJSON());
  return { content, embeds, components: rows.map((r) => r.toJSON()) };
}

/** A safety answer's "what to do now" line, in its own red embed above the answer so it is read first. */
function urgentEmbed(urgent: string): EmbedBuilder {
  return new EmbedBuilder()
    .setColor(URGENT)
    .addFields({ name: URGENT_FIELD_NAME, value: clip(urgent, L.fieldValue) });
}

/** Whatever the engine decided: the answer, a "did you mean" menu, or a friendly no-match. */
export function renderResult(result: AskResult, kb: KnowledgeBase, options: AnswerRenderOptions = {}): Reply {
  if (result.status === 'answered' && result.answer) {
    const entry = kb.entries.find((e) => e.id === result.answer?.id);
    if (entry) return renderEntry(entry, kb, { ...options, confidence: result.confidence });
  }
  if (result.status === 'suggestions' && result.suggestions.length > 0) {
    return renderSuggestions(result, options.question, options.pickAction);
  }
  return renderNoMatch(options.question);
}

export const SUGGESTIONS_TITLE = 'Did you mean…?';
const SUGGESTIONS_LEAD = /^I'm not sure which question you mean by “(.*)”\. Pick one:$/m;

/** The question a "did you mean" message was asked with, as shown (escaped) in its description. */
export function quotedInSuggestions(description: string | null | undefined): string | undefined {
  return SUGGESTIONS_LEAD.exec(description ?? '')?.[1];
}

function renderSuggestions(
  result: AskResult,
  question?: string,
  pickAction: AnswerRenderOptions['pickAction'] = { action: 'pick' },
): Reply {
  const embed = new EmbedBuilder()
    .setColor(NEUTRAL)
    .setTitle(SUGGESTIONS_TITLE)
    .setDescription(
      clip(
        [
          question
            ? `I'm not sure which question you mean by “${safeUserText(question)}”. Pick one:`
            : 'Pick one:',
          '',
          ...result.suggestions.map((s) => `• ${s.title}`),
        ].join('\n'),
        L.embedDescription,
      ),
    )
    .setFooter({ text: 'Not medical advice' });
  const menu = new StringSelectMenuBuilder()
    .setCustomId(encodeCustomId(pickAction))
    .setPlaceholder('Choose a question')
    .addOptions(
      result.suggestions
        .slice(0, L.selectOptions)
        .map((s) => ({ label: clip(s.title, L.selectLabel), value: s.id })),
    );
  return {
    embeds: [embed.toJSON()],
    components: [new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(menu).toJSON()],
  };
}

export function renderNoMatch(question?: string): Reply {
  const embed = new EmbedBuilder()
    .setColor(NEUTRAL)
    .setTitle("I don't have an answer for that")
    .setDescription(
      clip(
        [
          question
            ? `My knowledge base doesn't cover “${safeUserText(question)}”. I only answer questions about oxytocin, from cited sources.`
            : 'I only answer questions about oxytocin, from cited sources.',
          '',
          'Try for example:',
          ...EXAMPLE_QUESTIONS.map((q) => `• ${q}`),
          '',
          'Or browse everything with `/oxytocin topics`.',
        ].join('\n'),
        L.embedDescription,
      ),
    );
  return { embeds: [embed.toJSON()], components: [] };
}

/** The full reference list of an entry. */
export function renderSources(entry: Entry, kb: KnowledgeBase): Reply {
  const lines = entry.citations.map((key, i) => {
    const r = kb.references.get(key);
    if (!r) return `**[${i + 1}]** ${key}`;
    const who = r.authors ?? r.venue;
    const where = [r.venue, r.volumePages].filter(Boolean).join(' ');
    return `**[${i + 1}]** ${who} (${r.year ?? 'n.d.'}). *${r.title}*. ${where}. ${r.url}`;
  });
  const embed = new EmbedBuilder()
    .setColor(EVIDENCE_COLORS[entry.evidence])
    .setTitle(clip(`Sources: ${entry.title}`, L.embedTitle))
    .setDescription(clip(joinLines(lines, L.embedDescription), L.embedDescription))
    .setFooter({ text: 'Links go to the DOI or PubMed record, or the official page.' });
  return { embeds: [embed.toJSON()], components: [] };
}

/** Joins lines while they fit in `max`, so a long list is cut at a line boundary. */
function joinLines(lines: string[], max: number): string {
  const out: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > max) break;
    out.push(line);
    length += line.length + 1;
  }
  return out.join('\n') || clip(lines[0] ?? '', max);
}
