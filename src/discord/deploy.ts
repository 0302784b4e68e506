import { REST, type RESTPostAPIApplicationCommandsJSONBody, Routes } from 'discord.js';

export interface DeployTarget {
  token: string;
  clientId: string;
  /** Register in this guild only (instant); otherwise globally. */
  guildId?: string;
  apiBase?: string;
}

/** PUTs the whole command set (removed commands disappear too). Returns what Discord registered. */
export async function deployCommands(
  target: DeployTarget,
  body: RESTPostAPIApplicationCommandsJSONBody[],
): Promise<{ name: string; type: number }[]> {
  const rest = new REST(target.apiBase ? { api: target.apiBase } : {}).setToken(target.token);
  const route = target.guildId
    ? Routes.applicationGuildCommands(target.clientId, target.guildId)
    : Routes.applicationCommands(target.clientId);
  return (await rest.put(route, { body })) as { name: string; type: number }[];
}
