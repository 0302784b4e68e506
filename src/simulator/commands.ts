import type { APIApplicationCommand } from 'discord.js';
import { isRecord, type Json } from './rules/common.ts';
import { CommandType, commandType } from './rules/index.ts';
import { snowflake } from './snowflake.ts';

/** The registered application commands, global and per guild. */
export class CommandRegistry {
  private readonly sets = new Map<string, APIApplicationCommand[]>();

  constructor(private readonly applicationId: string) {}

  list(guildId: string | null = null): APIApplicationCommand[] {
    return [...(this.sets.get(scopeKey(guildId)) ?? [])];
  }

  /** Bulk overwrite (PUT): commands keep their id when a command of the same type and name existed. */
  overwrite(guildId: string | null, definitions: Json[]): APIApplicationCommand[] {
    const previous = this.list(guildId);
    const next = definitions.map((definition) => {
      const existing = previous.find((item) => sameCommand(item, definition));
      return this.store(definition, guildId, existing);
    });
    this.sets.set(scopeKey(guildId), next);
    return next;
  }

  /** Create (POST): replaces a command of the same type and name. */
  upsert(guildId: string | null, definition: Json): { command: APIApplicationCommand; created: boolean } {
    const current = this.list(guildId);
    const existing = current.find((item) => sameCommand(item, definition));
    const command = this.store(definition, guildId, existing);
    this.sets.set(
      scopeKey(guildId),
      existing ? current.map((item) => (item === existing ? command : item)) : [...current, command],
    );
    return { command, created: !existing };
  }

  edit(guildId: string | null, id: string, patch: Json): APIApplicationCommand | undefined {
    const current = this.list(guildId);
    const existing = current.find((item) => item.id === id);
    if (!existing) return undefined;
    const command = this.store({ ...existing, ...patch }, guildId, existing);
    this.sets.set(
      scopeKey(guildId),
      current.map((item) => (item === existing ? command : item)),
    );
    return command;
  }

  remove(guildId: string | null, id: string): boolean {
    const current = this.list(guildId);
    const next = current.filter((item) => item.id !== id);
    this.sets.set(scopeKey(guildId), next);
    return next.length !== current.length;
  }

  /** The command a user would invoke in a guild (guild commands first) or in DMs (global only). */
  find(name: string, type: number, guildId: string | null): APIApplicationCommand | undefined {
    const matches = (item: APIApplicationCommand) => item.name === name && item.type === type;
    return (guildId ? this.list(guildId).find(matches) : undefined) ?? this.list(null).find(matches);
  }

  private store(
    definition: Json,
    guildId: string | null,
    existing?: APIApplicationCommand,
  ): APIApplicationCommand {
    const type = commandType(definition);
    return {
      default_member_permissions: null,
      nsfw: false,
      integration_types: [0],
      contexts: null,
      name_localizations: null,
      description_localizations: null,
      ...definition,
      description: typeof definition.description === 'string' ? definition.description : '',
      type,
      id: existing?.id ?? snowflake(),
      application_id: this.applicationId,
      version: snowflake(),
      ...(guildId ? { guild_id: guildId } : {}),
      ...(type === CommandType.ChatInput
        ? { options: Array.isArray(definition.options) ? definition.options : [] }
        : {}),
    } as APIApplicationCommand;
  }
}

function scopeKey(guildId: string | null): string {
  return guildId ?? 'global';
}

function sameCommand(command: APIApplicationCommand, definition: unknown): boolean {
  return isRecord(definition) && command.name === definition.name && command.type === commandType(definition);
}
