/**
 * The fake's clock. It runs with real time but can be moved: tests use it to
 * let an upload URL expire, to make a signature stale, or to let a file's
 * processing finish, without waiting.
 */
export class FakeClock {
  private offset = 0;

  constructor(private readonly source: () => number = Date.now) {}

  /** The fake's current time. */
  now(): Date {
    return new Date(this.source() + this.offset);
  }

  /** Moves the clock forward (or back, with a negative number) by `ms`. */
  advance(ms: number): void {
    this.offset += ms;
  }

  /** Sets the clock to a date; it keeps running from there. */
  set(date: Date | number): void {
    this.offset = +date - this.source();
  }

  /** Back to real time. */
  reset(): void {
    this.offset = 0;
  }
}
