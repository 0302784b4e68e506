import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  SlashCommandBuilder,
  type SlashCommandUserOption,
} from 'discord.js';
import type { BotContext, CommandModule } from '../src/discord/context.ts';
import type { KnowledgeBase } from '../src/knowledge/types.ts';
import { about } from './oxytocin/about.ts';
import { ask } from './oxytocin/ask.ts';
import { entryChoices, questionChoices } from './oxytocin/autocomplete.ts';
import { sources } from './oxytocin/sources.ts';
import { topic } from './oxytocin/topic.ts';
import { topics } from './oxytocin/topics.ts';

/** /oxytocin ask | topic | topics | sources | about */
export function data(kb: KnowledgeBase) {
  return new SlashCommandBuilder()
    .setName('oxytocin')
    .setDescription('Cited answers to questions about oxytocin')
    .addSubcommand((s) =>
      s
        .setName('ask')
        .setDescription('Ask a question about oxytocin')
        .addStringOption((o) =>
          o
            .setName('question')
            .setDescription('Your question, e.g. "does oxytocin increase trust?"')
            .setRequired(true)
            .setAutocomplete(true)
            .setMaxLength(300),
        )
        .addBooleanOption((o) =>
          o.setName('private').setDescription('Only you see the answer (you can share it after)'),
        )
        .addUserOption(forOption),
    )
    .addSubcommand((s) =>
      s
        .setName('topic')
        .setDescription('Open one entry of the knowledge base')
        .addStringOption((o) =>
          o
            .setName('entry')
            .setDescription('Start typing a question')
            .setRequired(true)
            .setAutocomplete(true),
        )
        .addUserOption(forOption),
    )
    .addSubcommand((s) =>
      s
        .setName('topics')
        .setDescription('Browse the categories and their questions')
        .addStringOption((o) =>
          o
            .setName('category')
            .setDescription('A category to open')
            .addChoices(
              ...kb.categories.slice(0, 25).map((c) => ({ name: c.name.slice(0, 100), value: c.id })),
            ),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('sources')
        .setDescription('The full reference list of an entry')
        .addStringOption((o) =>
          o
            .setName('entry')
            .setDescription('Start typing a question')
            .setRequired(true)
            .setAutocomplete(true),
        ),
    )
    .addSubcommand((s) => s.setName('about').setDescription('What this bot is, how answers are sourced'));
}

/** `for:<user>`: post the answer in the channel for someone else, pinging only them. */
function forOption(o: SlashCommandUserOption): SlashCommandUserOption {
  return o.setName('for').setDescription('Post the answer in this channel for someone, pinging only them');
}

const SUBCOMMANDS: Record<string, (i: ChatInputCommandInteraction, ctx: BotContext) => Promise<void>> = {
  ask,
  topic,
  topics,
  sources,
  about,
};

export async function execute(interaction: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const handler = SUBCOMMANDS[interaction.options.getSubcommand()];
  if (!handler) throw new Error(`unknown subcommand ${interaction.options.getSubcommand()}`);
  await handler(interaction, ctx);
}

export async function autocomplete(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const focused = interaction.options.getFocused(true);
  const choices =
    focused.name === 'question' ? questionChoices(focused.value, ctx) : entryChoices(focused.value, ctx);
  await interaction.respond(choices);
}

export default { data, execute, autocomplete } satisfies CommandModule as CommandModule;
