/**
 * Fault injection for the fake service: throttling, server errors, delays
 * and reset connections, for every operation or one, once or a number of
 * times. Rules are consumed in the order they were added.
 */
import { UnknownOperationError } from "./schema.js";

export type FaultKind = "throttle" | "server-error" | "reset" | "delay";

export interface FaultOptions {
  /** Only requests for this operation (default: every operation). */
  operation?: string;
  /** How many requests the fault applies to (default 1; `Infinity` for all). */
  times?: number;
}

interface Rule {
  kind: FaultKind;
  operation?: string;
  remaining: number;
  delayMs: number;
}

/** What to do with one request. */
export interface FaultDecision {
  delayMs: number;
  failure?: Exclude<FaultKind, "delay">;
}

export class FaultInjector {
  private rules: Rule[] = [];

  constructor(
    /** The operations a rule may name; a rule for any other throws {@link UnknownOperationError} (default: any name). */
    private readonly operations?: readonly string[],
  ) {}

  /** Answers with the service's throttling error (HTTP 429). */
  throttle(options: FaultOptions = {}): this {
    return this.add("throttle", options);
  }

  /** Answers with the service's internal error (HTTP 500). */
  serverError(options: FaultOptions = {}): this {
    return this.add("server-error", options);
  }

  /** Drops the connection without an answer (the client sees ECONNRESET). */
  resetConnection(options: FaultOptions = {}): this {
    return this.add("reset", options);
  }

  /** Answers (normally) after `ms` milliseconds. */
  delay(ms: number, options: FaultOptions = {}): this {
    return this.add("delay", options, ms);
  }

  /** Removes every rule. */
  clear(): void {
    this.rules = [];
  }

  /** Rules not used up yet. */
  get pending(): number {
    return this.rules.length;
  }

  /** Consumes the rules that apply to a request: all matching delays, then the first matching failure. */
  take(operation: string | undefined): FaultDecision {
    const decision: FaultDecision = { delayMs: 0 };
    for (const rule of this.rules) {
      if (rule.remaining <= 0 || (rule.operation !== undefined && rule.operation !== operation)) continue;
      if (rule.kind === "delay") {
        decision.delayMs += rule.delayMs;
        rule.remaining--;
      } else if (!decision.failure) {
        decision.failure = rule.kind;
        rule.remaining--;
      }
    }
    this.rules = this.rules.filter((r) => r.remaining > 0);
    return decision;
  }

  private add(kind: FaultKind, options: FaultOptions, delayMs = 0): this {
    // A misspelt operation would make a rule that never fires.
    if (options.operation !== undefined && this.operations && !this.operations.includes(options.operation)) {
      throw new UnknownOperationError(String(options.operation), [...this.operations].sort());
    }
    this.rules.push({ kind, operation: options.operation, remaining: options.times ?? 1, delayMs });
    return this;
  }
}
