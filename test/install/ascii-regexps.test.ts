import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript module of the build, no types
import { asciiRegExps } from "../../scripts/ascii-regexps.js";

/**
 * The bundles are ASCII (V8 then keeps them as one-byte strings): the build writes each non-ASCII
 * character of a regular expression literal as its \u escape, which must match exactly what the
 * character matched, and must leave everything else alone.
 */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

describe("asciiRegExps", () => {
  it("escapes inside regular expression literals only", () => {
    const source = [
      "const r=/пароль|schl(?:ü|ue)ssel/i, s=\"пароль\", d=a/b/c;",
      "const t=String.raw`密码`; // 密码",
      "const u=/[–—]/u, q=x=>/😀+/u.test(x);",
    ].join("\n");
    expect(asciiRegExps(source)).toBe(
      [
        "const r=/\\u043f\\u0430\\u0440\\u043e\\u043b\\u044c|schl(?:\\u00fc|ue)ssel/i, s=\"пароль\", d=a/b/c;",
        "const t=String.raw`密码`; // 密码",
        "const u=/[\\u2013\\u2014]/u, q=x=>/\\ud83d\\ude00+/u.test(x);",
      ].join("\n"),
    );
    expect(asciiRegExps("const a = /x/g;")).toBe("const a = /x/g;");
  });

  it("an escaped literal matches what the literal matched (with and without the u flag)", () => {
    const pieces = ["ü", "é", "–", "п", "密", "😀", "a", "\\s", ".", "x", "[ü-ž]", "[^密]", "(?:ö|o)", "•{2,}", "😀?", "[😀a]"];
    const alphabet = ["ü", "é", "–", "п", "密", "😀", "a", "o", "ö", "x", " ", "ž", "\ud83d", "\ude00"];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("", "i", "u", "iu", "g"),
        fc.array(fc.constantFrom(...alphabet), { maxLength: 12 }),
        (parts, flags, chars) => {
          const body = parts.join("");
          // Astral characters in a class without u are two code units: a valid class either way.
          let original: RegExp;
          try {
            original = new Function(`return /${body}/${flags};`)() as RegExp;
          } catch {
            return; // not a valid pattern under these flags: nothing to compare
          }
          const escaped = asciiRegExps(`(/${body}/${flags})`);
          expect(escaped).toMatch(/^[\x00-\x7f]*$/);
          const copy = new Function(`return ${escaped};`)() as RegExp;
          const text = chars.join("");
          expect(text.match(copy)).toEqual(text.match(original));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it.each(["netstack.cjs", "netstack-lint.cjs"])("dist/%s is ASCII", (name) => {
    const bundle = readFileSync(path.join(root, "dist", name), "latin1");
    expect(bundle.length).toBeGreaterThan(100_000);
    expect(bundle.match(/[^\x00-\x7f]/g)).toBeNull();
  });
});
