import { describe, type RuleViolation } from './rules/index.ts';
import type { RecordedRequest, RuleName, Violation } from './types.ts';

export class ViolationLog {
  private items: Violation[] = [];

  record(route: string, rule: RuleName, detail: string): void {
    this.items.push({ route, rule, detail, at: Date.now() });
  }

  recordAll(route: string, violations: readonly RuleViolation[]): void {
    for (const item of violations) this.record(route, item.rule, describe(item));
  }

  list(): Violation[] {
    return [...this.items];
  }

  clear(): void {
    this.items = [];
  }
}

export class RequestLog {
  private items: RecordedRequest[] = [];

  add(request: RecordedRequest): void {
    this.items.push(request);
  }

  list(): RecordedRequest[] {
    return [...this.items];
  }

  clear(): void {
    this.items = [];
  }
}
