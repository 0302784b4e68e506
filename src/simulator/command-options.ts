import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord.js';
import type { Fixtures } from './fixtures.ts';
import { memberJson } from './payloads.ts';
import { isRecord } from './rules/common.ts';
import { OptionType } from './rules/index.ts';
import type { SlashOptionValue } from './types.ts';

export interface BuiltOptions {
  options: unknown[];
  resolved?: Record<string, Record<string, unknown>>;
}

interface BuildRequest {
  command: APIApplicationCommand;
  /** `'ask'`, or `'group sub'` for a subcommand in a group. */
  subcommand: string | null;
  values: Record<string, SlashOptionValue>;
  /** For autocomplete: the option being typed, sent as a string with `focused: true`. */
  focused?: { name: string; value: string };
  guildId: string | null;
  fixtures: Fixtures;
}

/**
 * The `data.options` Discord sends for a command invocation, checked against the registered definition
 * the way the Discord client checks what a user can type (unknown or missing options throw).
 */
export function buildCommandOptions(request: BuildRequest): BuiltOptions {
  const { command } = request;
  const path = request.subcommand ? request.subcommand.split(/[\s/]+/).filter(Boolean) : [];
  let definitions = (command.options ?? []) as APIApplicationCommandOption[];
  const chain: APIApplicationCommandOption[] = [];
  for (const part of path) {
    const next = definitions.find(
      (item) =>
        item.name === part &&
        (item.type === OptionType.Subcommand || item.type === OptionType.SubcommandGroup),
    );
    if (!next)
      throw new Error(
        `/${command.name} has no subcommand ${JSON.stringify(part)} at ${[command.name, ...chain.map((item) => item.name)].join(' ')}`,
      );
    chain.push(next);
    definitions = ('options' in next ? (next.options ?? []) : []) as APIApplicationCommandOption[];
  }
  if (
    definitions.some(
      (item) => item.type === OptionType.Subcommand || item.type === OptionType.SubcommandGroup,
    )
  ) {
    const names = definitions.map((item) => item.name).join(', ');
    throw new Error(`/${[command.name, ...path].join(' ')} needs a subcommand (${names})`);
  }

  const resolved: Record<string, Record<string, unknown>> = {};
  const leaf: unknown[] = [];
  for (const [name, value] of Object.entries(request.values)) {
    if (name === request.focused?.name) continue;
    const definition = definitions.find((item) => item.name === name);
    if (!definition) {
      throw new Error(
        `/${[command.name, ...path].join(' ')} has no option ${JSON.stringify(name)} (has: ${definitions.map((item) => item.name).join(', ') || 'none'})`,
      );
    }
    leaf.push({ name, type: definition.type, value: convert(definition, value, request, resolved) });
  }
  if (request.focused) {
    const { name, value } = request.focused;
    const definition = definitions.find((item) => item.name === name);
    if (!definition)
      throw new Error(`/${[command.name, ...path].join(' ')} has no option ${JSON.stringify(name)}`);
    if (!('autocomplete' in definition) || definition.autocomplete !== true) {
      throw new Error(
        `option ${JSON.stringify(name)} of /${command.name} does not have autocomplete enabled`,
      );
    }
    leaf.push({ name, type: definition.type, value, focused: true });
  } else {
    const missing = definitions.filter(
      (item) => 'required' in item && item.required && !(item.name in request.values),
    );
    if (missing.length > 0)
      throw new Error(
        `/${[command.name, ...path].join(' ')} is missing required option(s): ${missing.map((item) => item.name).join(', ')}`,
      );
  }

  let options: unknown[] = leaf;
  for (const item of [...chain].reverse()) options = [{ name: item.name, type: item.type, options }];
  return Object.keys(resolved).length > 0 ? { options, resolved } : { options };
}

function convert(
  definition: APIApplicationCommandOption,
  value: SlashOptionValue,
  request: BuildRequest,
  resolved: Record<string, Record<string, unknown>>,
): unknown {
  const fail = (expected: string) =>
    new Error(
      `option ${JSON.stringify(definition.name)} of /${request.command.name} expects ${expected}, got ${JSON.stringify(value)}`,
    );
  switch (definition.type) {
    case OptionType.String: {
      if (typeof value !== 'string') throw fail('a string');
      checkChoice(definition, value, fail);
      const { min_length: min = 0, max_length: max = 6000 } = definition;
      if (value.length < min || value.length > max) throw fail(`${min}-${max} characters`);
      return value;
    }
    case OptionType.Integer:
    case OptionType.Number: {
      const integer = definition.type === OptionType.Integer;
      if (typeof value !== 'number' || (integer && !Number.isInteger(value)))
        throw fail(integer ? 'an integer' : 'a number');
      checkChoice(definition, value, fail);
      const { min_value: min = Number.NEGATIVE_INFINITY, max_value: max = Number.POSITIVE_INFINITY } =
        definition;
      if (value < min || value > max) throw fail(`a value in ${min}..${max}`);
      return value;
    }
    case OptionType.Boolean:
      if (typeof value !== 'boolean') throw fail('a boolean');
      return value;
    case OptionType.User:
    case OptionType.Mentionable: {
      const user = request.fixtures.userById(idOf(value));
      if (!user) throw fail('a fixture user (sim.user, sim.otherUser, sim.botUser) or their id');
      resolved.users = { ...resolved.users, [user.id]: user };
      if (request.guildId)
        resolved.members = {
          ...resolved.members,
          [user.id]: { ...memberJson(user, false), permissions: '0' },
        };
      return user.id;
    }
    case OptionType.Channel: {
      const channel = request.fixtures.channelById(idOf(value));
      if (!channel) throw fail('a fixture channel id');
      const entry = { id: channel.id, type: channel.type, name: channel.name, permissions: '0' };
      resolved.channels = { ...resolved.channels, [channel.id]: entry };
      return channel.id;
    }
    default:
      throw fail(`a value of an option type the simulator does not support (${definition.type})`);
  }
}

function checkChoice(
  definition: APIApplicationCommandOption,
  value: string | number,
  fail: (expected: string) => Error,
): void {
  const choices = 'choices' in definition ? definition.choices : undefined;
  if (!choices || choices.length === 0) return;
  if (!choices.some((choice) => choice.value === value)) {
    throw fail(`one of ${choices.map((choice) => JSON.stringify(choice.value)).join(', ')}`);
  }
}

function idOf(value: SlashOptionValue): string {
  if (typeof value === 'string') return value;
  return isRecord(value) && typeof value.id === 'string' ? value.id : '';
}
