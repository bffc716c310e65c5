// Maps offsets in a rewritten text back to the text it was made from. A rewrite records
// checkpoints (output offset → input offset) wherever lengths stop matching one to one.

export type OffsetMap = (offset: number) => number;

export const identity: OffsetMap = (o) => o;

export class MapBuilder {
  private outs: number[] = [0];
  private ins: number[] = [0];

  /** From output offset `out` on, characters map one to one from input offset `inp`. */
  mark(out: number, inp: number) {
    const n = this.outs.length - 1;
    if (this.outs[n] === out) {
      this.ins[n] = inp;
      return;
    }
    this.outs.push(out);
    this.ins.push(inp);
  }

  build(inputLength: number): OffsetMap {
    const outs = this.outs;
    const ins = this.ins;
    return (o) => {
      let lo = 0;
      let hi = outs.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (outs[mid] <= o) lo = mid;
        else hi = mid - 1;
      }
      return Math.min(inputLength, ins[lo] + (o - outs[lo]));
    };
  }
}

/** Offsets of each line start (after every "\n"). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  let i = text.indexOf("\n");
  while (i >= 0) {
    starts.push(i + 1);
    i = text.indexOf("\n", i + 1);
  }
  return starts;
}

/** Index of the line holding `pos`, given the line starts. */
export function lineAt(starts: number[], pos: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export interface Line {
  start: number;
  /** Offset of the line's end (its "\n" or the end of the text). */
  end: number;
  /** The line, trimmed. */
  text: string;
}

/** The non-blank lines in [from, to): the first one from `from` (a report may start inside a
 * line: two files glued with no line break between), the last one cut at `to`. */
export function linesBetween(text: string, starts: number[], from: number, to: number): Line[] {
  const out: Line[] = [];
  for (let i = lineAt(starts, from); i < starts.length && starts[i] < to; i++) {
    const s = Math.max(starts[i], from);
    const e = Math.min(to, i + 1 < starts.length ? starts[i + 1] - 1 : text.length);
    const t = text.slice(s, e).trim();
    if (t) out.push({ start: s, end: e, text: t });
  }
  return out;
}

/** Map for a rewrite that kept the line structure but changed lengths inside lines. */
export function lineMap(source: string, output: string): OffsetMap {
  if (source.length === output.length) return identity;
  const src = lineStarts(source);
  const out = lineStarts(output);
  if (src.length !== out.length) return (o) => Math.min(source.length, Math.round((o * source.length) / Math.max(1, output.length)));
  return (o) => {
    const lo = lineAt(out, o);
    const srcLineEnd = lo + 1 < src.length ? src[lo + 1] - 1 : source.length;
    return Math.min(srcLineEnd, src[lo] + (o - out[lo]));
  };
}

export function compose(outer: OffsetMap, inner: OffsetMap): OffsetMap {
  if (outer === identity) return inner;
  if (inner === identity) return outer;
  return (o) => outer(inner(o));
}
