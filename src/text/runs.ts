/** A set of ASCII characters, as a table by character code (1: in the set). */
export function asciiSet(pattern: RegExp): Uint8Array {
  return new Uint8Array(128).map((_, code) => Number(pattern.test(String.fromCharCode(code))));
}

/**
 * Where the first run of `length` characters of `set` ends (the index of its last character),
 * looking at runs that start at `from` or later; -1 when there is none. It skips: it looks at the
 * last character a run could end on and, when that one is not in the set, jumps a whole run
 * length ahead, so most characters of a text are never read (a regex tries every start).
 */
export function runEnd(text: string, set: Uint8Array, length: number, from = 0): number {
  const inSet = (i: number): boolean => {
    const code = text.charCodeAt(i);
    return code < 128 && set[code] === 1;
  };
  // `end`: the last character of the window [end - length + 1, end] being tried.
  let end = from + length - 1;
  while (end < text.length) {
    if (!inSet(end)) {
      end += length;
      continue;
    }
    let at = end - 1;
    while (at > end - length && inSet(at)) at--;
    if (at === end - length) return end;
    // A run through `at` is broken: the next window starts after it.
    end = at + length;
  }
  return -1;
}
