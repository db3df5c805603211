import { EditMap } from "micromark-util-edit-map";

type Events = Parameters<EditMap["consume"]>[0];

/** micromark's own `consume`, kept for the test that compares the two. */
export const upstreamConsume: EditMap["consume"] = EditMap.prototype.consume;

/**
 * `EditMap#consume` without copying the events before the first edit out and back in.
 * micromark's document tokenizer consumes an edit map on the whole document's events each time
 * a nested container closes (micromark 4.0.3, lib/initialize/document.js), with its edits near
 * the end: copying the untouched head made a list of items that hold lists quadratic
 * (4,000 items of `- x` / `  - y`: 5 s, a 60 KB file in a commit hook). Same result, same order:
 * the head stays where it is, the rest is rebuilt as upstream does.
 */
export function consumeInPlace(this: EditMap, events: Events): undefined {
  this.map.sort((a, b) => a[0] - b[0]);
  if (this.map.length === 0) return undefined;
  const pieces: Events[] = [];
  for (let index = this.map.length - 1; index >= 0; index--) {
    const [at, remove, add] = this.map[index]!;
    pieces.push(events.slice(at + remove), add);
    events.length = at;
  }
  for (let piece = pieces.pop(); piece; piece = pieces.pop()) for (const event of piece) events.push(event);
  this.map.length = 0;
  this.index.clear();
  return undefined;
}

EditMap.prototype.consume = consumeInPlace;
