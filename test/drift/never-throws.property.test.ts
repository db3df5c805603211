import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Collector } from "../../src/observe/text.js";
import { NmapXmlReader } from "../../src/observe/nmap.js";
import { parseObservation } from "../../src/observe/read.js";
import type { Observation } from "../../src/observe/types.js";
import { repoRoot } from "../foundation/helpers.js";

const OBS = path.join(repoRoot, "fixtures/drift/observations");
const FIXTURES = readdirSync(OBS)
  .sort()
  .map((name) => ({ name, text: readFileSync(path.join(OBS, name), "utf8") }));
const T = Date.parse("2026-05-17T10:00:00Z");

/** What every reader promises: sightings and problems that point into the file, whatever it holds. */
function expectSane(text: string, o: Observation): void {
  const lines = text.split(/\r\n|\r|\n/).length;
  for (const p of [...o.sightings, ...o.problems]) {
    expect(p.line).toBeGreaterThanOrEqual(1);
    expect(p.line).toBeLessThanOrEqual(lines + 1);
    expect(p.column).toBeGreaterThanOrEqual(1);
  }
  for (const s of o.sightings) {
    expect(Number.isFinite(s.time)).toBe(true);
    expect(s.ip !== null || s.mac !== null || s.overlay !== null).toBe(true);
  }
}

/** A fixture with a few bytes changed: inserted, deleted, or the file cut short. */
const damaged = fc
  .record({
    fixture: fc.constantFrom(...FIXTURES),
    edits: fc.array(fc.record({ at: fc.nat(), cut: fc.nat({ max: 40 }), insert: fc.string({ unit: "binary", maxLength: 12 }) }), { maxLength: 4 }),
    truncate: fc.option(fc.nat(), { nil: undefined }),
  })
  .map(({ fixture, edits, truncate }) => {
    let text = fixture.text;
    for (const { at, cut, insert } of edits) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + insert + text.slice(i + cut);
    }
    return truncate === undefined ? text : text.slice(0, truncate % (text.length + 1));
  });

describe("observation readers never throw", () => {
  it("on arbitrary strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => expectSane(text, parseObservation(text, "/obs/f", T))),
      { numRuns: 400 },
    );
  });

  it("on strings that start like each format", () => {
    const starts = fc.constantFrom("<?xml version=\"1.0\"?><nmaprun>", "[{\"dst\":", "{\"", "lease ", "Flags: X - disabled\n 0 D ", "? (", "1779098400 ", "Interface: ", "[{\"nodeId\":", "[{\"address\":");
    fc.assert(
      fc.property(starts, fc.string({ unit: "binary", maxLength: 300 }), (start, rest) => expectSane(start + rest, parseObservation(start + rest, "/obs/f", T))),
      { numRuns: 400 },
    );
  });

  it("on every fixture, damaged", () => {
    fc.assert(
      fc.property(damaged, (text) => expectSane(text, parseObservation(text, "/obs/f", T))),
      { numRuns: 600 },
    );
  });

  it("nmap XML streamed in arbitrary chunks gives what the whole text gives", () => {
    const scan = FIXTURES.find((f) => f.name === "scan.xml")!.text;
    fc.assert(
      fc.property(fc.array(fc.nat({ max: scan.length }), { maxLength: 12 }), (cuts) => {
        const at = [0, ...[...new Set(cuts)].sort((a, b) => a - b), scan.length];
        const out = new Collector("/obs/scan.xml", "nmap-xml", T);
        const reader = new NmapXmlReader(out);
        for (let i = 1; i < at.length; i++) reader.write(scan.slice(at[i - 1], at[i]));
        reader.end();
        const whole = parseObservation(scan, "/obs/scan.xml", T);
        expect(out.sightings).toEqual(whole.sightings);
        expect(out.problems).toEqual(whole.problems);
      }),
      { numRuns: 200 },
    );
  });
});
