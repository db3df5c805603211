import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/lint.js";
import { cleanTempDirs, makeSite, repoRoot } from "../foundation/helpers.js";

afterAll(cleanTempDirs);

/** The bounds the issue sets, on the labelled corpus; the README states the measured figures. */
const MIN_RECALL = 0.97;
const MIN_PRECISION = 0.95;

type Label = "S" | "N" | ".";

const corpusDir = path.join(repoRoot, "fixtures/secret-corpus");

function labelledFiles(dir: string, rel = ""): string[] {
  return readdirSync(path.join(dir, rel)).flatMap((name) => {
    const sub = rel ? `${rel}/${name}` : name;
    return statSync(path.join(dir, sub)).isDirectory() ? labelledFiles(dir, sub) : name.endsWith(".labelled") ? [sub] : [];
  });
}

/** The corpus as a site: each `x.labelled` written as `x` without its label column; labels by `file:line`. */
function corpusSite(): { root: string; labels: Map<string, Label> } {
  const files: Record<string, string> = {};
  const labels = new Map<string, Label>();
  for (const rel of labelledFiles(corpusDir)) {
    const name = rel.slice(0, -".labelled".length);
    const lines = readFileSync(path.join(corpusDir, rel), "utf8").replace(/\n$/, "").split("\n");
    files[name] = `${lines.map((l) => l.slice(2)).join("\n")}\n`;
    lines.forEach((l, i) => {
      const label = l.slice(0, 2);
      if (label !== "S " && label !== "N " && label !== ". ") throw new Error(`${rel}:${i + 1}: no label column`);
      labels.set(`${name}:${i + 1}`, label[0] as Label);
    });
  }
  return { root: makeSite({ "site.yaml": "code: corpus\nname: Corpus\n", ...files }), labels };
}

interface Score {
  credentials: number;
  found: number;
  reported: number;
  truePositives: number;
  missed: string[];
  falsePositives: string[];
}

/** Lines with a sensitive/secret error, as `file:line` relative to the root. */
async function reportedLines(root: string): Promise<Set<string>> {
  const { diagnostics } = await lint([root], { cwd: root });
  return new Set(diagnostics.filter((d) => d.ruleId === "sensitive/secret" && d.severity === "error").map((d) => `${path.relative(root, d.file).split(path.sep).join("/")}:${d.line}`));
}

function score(credentials: Set<string>, reported: Set<string>): Score {
  const missed = [...credentials].filter((l) => !reported.has(l));
  const falsePositives = [...reported].filter((l) => !credentials.has(l));
  return {
    credentials: credentials.size,
    found: credentials.size - missed.length,
    reported: reported.size,
    truePositives: reported.size - falsePositives.length,
    missed,
    falsePositives,
  };
}

const recall = (s: Score) => s.found / s.credentials;
const precision = (s: Score) => s.truePositives / s.reported;

describe("the labelled secret corpus (fixtures/secret-corpus)", async () => {
  const { root, labels } = corpusSite();
  const reported = await reportedLines(root);
  const credentials = new Set([...labels].filter(([, l]) => l === "S").map(([k]) => k));
  const tempting = [...labels].filter(([, l]) => l === "N").map(([k]) => k);
  const result = score(credentials, reported);

  it("holds at least 150 credential lines and 150 tempting non-secrets", () => {
    expect(credentials.size).toBeGreaterThanOrEqual(150);
    expect(tempting.length).toBeGreaterThanOrEqual(150);
  });

  it(`finds credential lines with recall ≥ ${MIN_RECALL} and precision ≥ ${MIN_PRECISION}`, () => {
    const summary = `recall ${recall(result).toFixed(3)} (${result.found}/${result.credentials}), precision ${precision(result).toFixed(3)} (${result.truePositives}/${result.reported}); missed ${result.missed.join(", ") || "none"}; false positives ${result.falsePositives.join(", ") || "none"}`;
    expect(recall(result), summary).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(precision(result), summary).toBeGreaterThanOrEqual(MIN_PRECISION);
  });
});

/**
 * The hand count of ../shared/corpus/synthetic-messy-site (its `.expected.md`): the 16 lines that
 * hold a credential are each reported, the 18 tempting non-secrets never are.
 */
const messy = path.resolve(repoRoot, "../shared/corpus/synthetic-messy-site");
const expectedFile = `${messy}.expected.md`;
const haveMessy = existsSync(expectedFile) || process.env.NETSTACK_REQUIRE_ALL === "1";
if (!haveMessy) console.log("skipped: ../shared/corpus/synthetic-messy-site is absent");

/** `file:line` of the rows of the expected file's "Credentials" and "Non-secrets" tables. */
function expectedLines(): { credentials: string[]; nonSecrets: string[] } {
  const out = { credentials: [] as string[], nonSecrets: [] as string[] };
  let section: keyof typeof out | null = null;
  for (const line of readFileSync(expectedFile, "utf8").split("\n")) {
    if (line.startsWith("### ")) section = line === "### Credentials" ? "credentials" : line.startsWith("### Non-secrets") ? "nonSecrets" : null;
    const where = /^\| `([^`]+:\d+)` \|/.exec(line);
    if (section && where) out[section].push(where[1]!);
  }
  return out;
}

describe.skipIf(!haveMessy)("synthetic-messy-site's credential and non-secret lines", async () => {
  const expected = expectedLines();
  const reported = await reportedLines(messy);

  it("lists 16 credential lines and 18 tempting non-secrets", () => {
    expect([expected.credentials.length, expected.nonSecrets.length]).toEqual([16, 18]);
  });

  it("reports every credential line", () => {
    expect(expected.credentials.filter((l) => !reported.has(l))).toEqual([]);
  });

  it("reports none of the non-secrets, and nothing else", () => {
    expect(expected.nonSecrets.filter((l) => reported.has(l))).toEqual([]);
    expect([...reported].filter((l) => !expected.credentials.includes(l))).toEqual([]);
  });

  it(`together with the labelled corpus: recall ≥ ${MIN_RECALL}, precision ≥ ${MIN_PRECISION}`, async () => {
    const { root, labels } = corpusSite();
    const corpusReported = await reportedLines(root);
    const credentials = new Set([...[...labels].filter(([, l]) => l === "S").map(([k]) => `corpus/${k}`), ...expected.credentials.map((l) => `messy/${l}`)]);
    const all = new Set([...[...corpusReported].map((l) => `corpus/${l}`), ...[...reported].map((l) => `messy/${l}`)]);
    const combined = score(credentials, all);
    expect(recall(combined)).toBeGreaterThanOrEqual(MIN_RECALL);
    expect(precision(combined)).toBeGreaterThanOrEqual(MIN_PRECISION);
  });
});
