const DISCORD_EPOCH = 1_420_070_400_000n;

let counter = 0n;

/** A Discord snowflake for the given time (defaults to now); pass `increment` for a deterministic id. */
export function snowflake(timestampMs: number = Date.now(), increment?: number): string {
  counter = (counter + 1n) & 0xfffn;
  const low = increment === undefined ? counter : BigInt(increment) & 0xfffn;
  return (((BigInt(timestampMs) - DISCORD_EPOCH) << 22n) | low).toString();
}

/** The shard a guild's events go to, as Discord routes them. */
export function shardForGuild(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}
