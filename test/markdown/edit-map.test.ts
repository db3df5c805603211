import fc from "fast-check";
import { EditMap } from "micromark-util-edit-map";
import { describe, expect, it, vi } from "vitest";
import { consumeInPlace, upstreamConsume } from "../../src/markdown/edit-map-patch.js";
import { parseMarkdown } from "../../src/markdown/index.js";
import { parseWithRemark } from "../../src/markdown/remark.js";

type Events = Parameters<EditMap["consume"]>[0];
type Edit = { at: number; remove: number; add: number[]; before: boolean };

/** Stand-ins for micromark events: only their identity and order matter to an edit map. */
const eventsOf = (ids: number[]) => ids.map((id) => ["enter", { id }]) as unknown as Events;
const ids = (events: Events) => events.map((e) => (e[1] as unknown as { id: number }).id);

function apply(consume: EditMap["consume"], length: number, edits: Edit[]): number[] {
  const map = new EditMap();
  for (const e of edits) {
    const add = eventsOf(e.add);
    if (e.before) map.addBefore(e.at, e.remove, add);
    else map.add(e.at, e.remove, add);
  }
  const events = eventsOf(Array.from({ length }, (_, i) => i));
  consume.call(map, events);
  // The map is empty afterwards, as upstream leaves it.
  expect(map.map).toEqual([]);
  expect(map.index.size).toBe(0);
  return ids(events);
}

describe("EditMap#consume without copying the head", () => {
  it("is what micromark's tokenizers call", () => {
    expect(EditMap.prototype.consume).toBe(consumeInPlace);
    const spy = vi.spyOn(EditMap.prototype, "consume");
    try {
      parseWithRemark("- - a\n- - b\n- - c\n");
      expect(spy).toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });

  it("gives upstream's result for any events and edits (property)", () => {
    const scenario = fc.integer({ min: 0, max: 40 }).chain((length) =>
      fc.record({
        length: fc.constant(length),
        edits: fc.array(
          fc.record({
            at: fc.integer({ min: 0, max: length }),
            remove: fc.integer({ min: 0, max: 4 }),
            add: fc.array(fc.integer({ min: 1000, max: 1100 }), { maxLength: 4 }),
            before: fc.boolean(),
          }),
          { maxLength: 8 },
        ),
      }),
    );
    fc.assert(
      fc.property(scenario, ({ length, edits }) => {
        expect(apply(consumeInPlace, length, edits)).toEqual(apply(upstreamConsume, length, edits));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps a known edit exact: remove two at 1, insert before 3, append at the end", () => {
    const edits: Edit[] = [
      { at: 1, remove: 2, add: [], before: false },
      { at: 3, remove: 0, add: [100, 101], before: false },
      { at: 3, remove: 0, add: [99], before: true },
      { at: 5, remove: 0, add: [200], before: false },
    ];
    expect(apply(consumeInPlace, 5, edits)).toEqual([0, 99, 100, 101, 3, 4, 200]);
  });

  it("leaves a document of lists holding lists parsed as before", () => {
    const text = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? `- item ${i}\n  - sub ${i}\n    > quote\n` : `- - ${i}\n`)).join("") + "\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    const patched = parseWithRemark(text);
    EditMap.prototype.consume = upstreamConsume;
    try {
      expect(patched).toEqual(parseWithRemark(text));
    } finally {
      EditMap.prototype.consume = consumeInPlace;
    }
    expect(parseMarkdown(text).tables[0]!.rows[0]!.cells.map((c) => c.text)).toEqual(["1", "2"]);
  });
});
