/** A request's span on one clock: when it started, and when its answer ended (null while still in flight). */
export interface Span {
  start: number;
  end: number | null;
}

/**
 * Sequential rounds: a request belongs to round 1 unless it started only after an earlier request's
 * answer had ended, in which case it belongs to the round after that request's. Requests sent
 * together (Promise.all) share a round; a request that waits for another's answer adds one.
 * Returns each span's round, in the order given, and the number of rounds.
 */
export function sequentialRounds(spans: readonly Span[]): { each: number[]; rounds: number } {
  const order = spans.map((span, index) => ({ span, index })).sort((a, b) => a.span.start - b.span.start);
  const each = new Array<number>(spans.length).fill(1);
  for (const [position, { span, index }] of order.entries()) {
    let round = 1;
    for (const earlier of order.slice(0, position)) {
      const end = earlier.span.end;
      if (end !== null && end <= span.start) round = Math.max(round, (each[earlier.index] ?? 1) + 1);
    }
    each[index] = round;
  }
  return { each, rounds: spans.length === 0 ? 0 : Math.max(...each) };
}
