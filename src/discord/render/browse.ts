import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  EmbedBuilder,
  type MessageActionRowComponentBuilder,
  StringSelectMenuBuilder,
} from 'discord.js';
import { EVIDENCE_LEGEND } from '../../engine/evidence.ts';
import type { KnowledgeBase } from '../../knowledge/types.ts';
import type { Privacy } from '../context.ts';
import { encodeCustomId } from '../custom-ids.ts';
import { clip, DISCORD_LIMITS as L } from './limits.ts';
import { privacySentence } from './privacy.ts';
import type { Reply } from './reply.ts';

const BRAND = 0xd6547f;
export const PAGE_SIZE = L.selectOptions;

/** All categories with their entry counts, and a menu to open one. */
export function renderCategories(kb: KnowledgeBase): Reply {
  const embed = new EmbedBuilder()
    .setColor(BRAND)
    .setTitle('Topics')
    .setDescription(
      clip(
        kb.categories
          .map(
            (c) =>
              `**${c.name}** (${kb.entries.filter((e) => e.category === c.id).length}): ${c.description}`,
          )
          .join('\n'),
        L.embedDescription,
      ),
    )
    .setFooter({ text: `${kb.entries.length} questions answered from ${kb.references.size} sources` });
  const menu = new StringSelectMenuBuilder()
    .setCustomId(encodeCustomId({ action: 'category' }))
    .setPlaceholder('Open a category')
    .addOptions(
      kb.categories.slice(0, L.selectOptions).map((c) => ({
        label: clip(c.name, L.selectLabel),
        description: clip(c.description, L.selectDescription),
        value: c.id,
      })),
    );
  return {
    embeds: [embed.toJSON()],
    components: [new ActionRowBuilder<MessageActionRowComponentBuilder>().addComponents(menu).toJSON()],
  };
}

/** One page (25 entries) of a category: the list, a menu to open an entry, and paging buttons. */
export function renderCategoryPage(kb: KnowledgeBase, categoryId: string, page = 0): Reply | undefined {
  const category = kb.categories.find((c) => c.id === categoryId);
  if (!category) return undefined;
  const entries = kb.entries.filter((e) => e.category === categoryId);
  const pages = Math.max(1, Math.ceil(entries.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const slice = entries.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  const embed = new EmbedBuilder()
    .setColor(BRAND)
    .setTitle(clip(category.name, L.embedTitle))
    .setDescription(
      clip([category.description, '', ...slice.map((e) => `• ${e.title}`)].join('\n'), L.embedDescription),
    )
    .setFooter({ text: `Page ${current + 1} of ${pages} · ${entries.length} questions` });
  const rows: Reply['components'] = [];
  if (slice.length > 0) {
    rows.push(
      new ActionRowBuilder<MessageActionRowComponentBuilder>()
        .addComponents(
          new StringSelectMenuBuilder()
            .setCustomId(encodeCustomId({ action: 'pick' }))
            .setPlaceholder('Open a question')
            .addOptions(slice.map((e) => ({ label: clip(e.title, L.selectLabel), value: e.id }))),
        )
        .toJSON(),
    );
  }
  if (pages > 1) {
    rows.push(
      new ActionRowBuilder<MessageActionRowComponentBuilder>()
        .addComponents(
          new ButtonBuilder()
            .setCustomId(encodeCustomId({ action: 'page', categoryId, page: current - 1 }))
            .setLabel('Previous')
            .setStyle(ButtonStyle.Secondary)
            .setDisabled(current === 0),
          new ButtonBuilder()
            .setCustomId(encodeCustomId({ action: 'page', categoryId, page: current + 1 }))
            .setLabel('Next')
            .setStyle(ButtonStyle.Secondary)
            .setDisabled(current >= pages - 1),
        )
        .toJSON(),
    );
  }
  return { embeds: [embed.toJSON()], components: rows };
}

/** /oxytocin about: what the bot is, how answers are sourced, the evidence legend, figures and version. */
export function renderAbout(kb: KnowledgeBase, version: string, privacy?: Privacy): Reply {
  const latest = kb.entries
    .map((e) => e.reviewed)
    .sort()
    .at(-1);
  const legend = Object.values(EVIDENCE_LEGEND)
    .map((l) => `**${l.label}**: ${l.meaning}`)
    .join('\n');
  const embed = new EmbedBuilder()
    .setColor(BRAND)
    .setTitle('About Oxytocin Bot')
    .setDescription(clip(kb.about, L.embedDescription))
    .addFields(
      { name: 'Evidence levels', value: clip(legend, L.fieldValue) },
      {
        name: 'Knowledge base',
        value: `${kb.entries.length} entries · ${kb.references.size} references · latest review ${latest || 'n/a'}`,
      },
      ...(privacy ? [{ name: 'Privacy', value: clip(privacySentence(privacy), L.fieldValue) }] : []),
    )
    .setFooter({ text: `Oxytocin Bot v${version} · Not medical advice` });
  return { embeds: [embed.toJSON()], components: [] };
}
