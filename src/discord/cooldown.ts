/** Per-user rate limit: at most `limit` actions in a sliding window of `windowMs`. Memory is bounded. */
export class Cooldown {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxUsers = 50_000,
  ) {}

  /** Records an attempt. Returns 0 when allowed, else the time (ms since epoch) when the user may ask again. */
  take(userId: string): number {
    const t = this.now();
    const recent = (this.hits.get(userId) ?? []).filter((h) => t - h < this.windowMs);
    if (recent.length >= this.limit) {
      this.hits.set(userId, recent);
      return (recent[0] as number) + this.windowMs;
    }
    recent.push(t);
    this.hits.delete(userId);
    this.hits.set(userId, recent);
    if (this.hits.size > this.maxUsers) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
    return 0;
  }
}
