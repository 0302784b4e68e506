/** Per-user rate limit: at most `limit` actions in a sliding window of `windowMs`. Memory is bounded. */
export class Cooldown {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxUsers = 50_000,
  ) {}

  /**
   * Records an attempt. Returns 0 when allowed, else the time (ms since epoch) when the user may ask again. A
   * server with its own limit passes it in `own`: the user is then counted per server (`guildId`).
   */
  take(userId: string, own?: { guildId: string; questions: number; seconds: number }): number {
    const t = this.now();
    const key = own ? `${own.guildId}:${userId}` : userId;
    const limit = own?.questions ?? this.limit;
    const windowMs = own ? own.seconds * 1000 : this.windowMs;
    const recent = (this.hits.get(key) ?? []).filter((h) => t - h < windowMs);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      return (recent.at(-limit) as number) + windowMs;
    }
    recent.push(t);
    this.hits.delete(key);
    this.hits.set(key, recent);
    if (this.hits.size > this.maxUsers) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
    return 0;
  }
}
