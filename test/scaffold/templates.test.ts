import { rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderContext } from "../../src/scaffold/context.js";
import { loadTemplateSet, markdownCell, shellQuote, templateSource, yamlScalar } from "../../src/scaffold/templates.js";
import { copyTemplates, TEMPLATES } from "./helpers.js";

const ANSWERS = { code: "cf", name: "Cedar Falls", role: "primary", subnet: "192.168.9.0/24", visibility: "private" as const, federation: null };
const inputs = (gateway: string | null) => ({ answers: ANSWERS, gateway, services: [], peers: ["sl", "wf"], warnAgeHours: 24, maxAgeHours: 24, templateVersion: "1.0.0", netstackVersion: "9.9.9" });

describe("site templates", () => {
  it("the manifest lists every template, with a policy each", () => {
    const set = loadTemplateSet(TEMPLATES);
    expect(set.version).toBe("1.0.0");
    expect(set.directories).toEqual(["docs/log"]);
    expect(Object.fromEntries(set.files.map((f) => [f.path, f.policy]))).toEqual({
      "site.yaml": "merged",
      "README.md": "merged",
      "docs/index.md": "seed",
      "docs/devices.md": "seed",
      "docs/services.md": "seed",
      "docs/network.md": "seed",
      "ops/backup/README.md": "merged",
      "ops/monitor/check-services.sh": "managed",
      "ops/monitor/check-connectivity.sh": "managed",
      "ops/monitor/check-backup-state.sh": "managed",
      "ops/monitor/collect.sh": "managed",
      "ops/sensitive/README.md": "never-touch",
      "ops/sensitive/hosts.yaml": "never-touch",
      "ops/sensitive/overlay.yaml": "never-touch",
      ".mkdocs/mkdocs.yml": "merged",
      ".gitignore": "merged",
      ".github/workflows/docs.yml": "merged",
      ".pre-commit-config.yaml": "merged",
    });
  });

  it("dot paths are stored with _ so npm packs them", () => {
    expect(templateSource(".gitignore")).toBe("_gitignore.hbs");
    expect(templateSource(".github/workflows/docs.yml")).toBe("_github/workflows/docs.yml.hbs");
    expect(templateSource("docs/devices.md")).toBe("docs/devices.md.hbs");
  });

  it("strict mode: a variable missing from the context is an error, not an empty string", () => {
    const set = loadTemplateSet(TEMPLATES);
    const context = renderContext(inputs(null));
    delete context.subnet;
    expect(() => set.render(context)).toThrow(/template site\.yaml\.hbs: an argument of {{yaml}} is not defined - 5:8/);
  });

  it("strict mode reaches block helpers too: a missing list for #each is an error", () => {
    const set = loadTemplateSet(TEMPLATES);
    const context = renderContext(inputs(null));
    delete context.peers;
    expect(() => set.render(context)).toThrow(/an argument of \{\{each\}\} is not defined/);
  });

  it("a template file missing from the manifest, or a manifest entry without template, is refused", () => {
    const extra = copyTemplates();
    writeFileSync(path.join(extra, "stray.md.hbs"), "x");
    expect(() => loadTemplateSet(extra)).toThrow(/template stray\.md\.hbs is not listed under files/);
    const missing = copyTemplates();
    rmSync(path.join(missing, "README.md.hbs"));
    expect(() => loadTemplateSet(missing)).toThrow(/"README\.md" has no template README\.md\.hbs/);
  });

  it("a manifest path that escapes the site is refused", () => {
    const dir = copyTemplates();
    writeFileSync(path.join(dir, "template.yaml"), "version: 1.0.0\nfiles:\n  ../evil.md: managed\n");
    expect(() => loadTemplateSet(dir)).toThrow(/"\.\.\/evil\.md" resolves outside the site directory/);
  });

  it("netstack-owned and merged files do not depend on the creation-only gateway answer", () => {
    const set = loadTemplateSet(TEMPLATES);
    const without = set.render(renderContext(inputs(null)));
    const withGateway = set.render(renderContext(inputs("192.168.9.1")));
    for (const { path: rel, policy } of set.files) {
      if (policy === "managed" || policy === "merged") expect(withGateway.get(rel), rel).toBe(without.get(rel));
    }
    expect(withGateway.get("docs/devices.md")).toContain("| cf-gw | gateway | ng | 192.168.9.1 |");
    expect(withGateway.get("ops/sensitive/hosts.yaml")).toContain("cf-gw: 192.168.9.1\n");
  });

  it("a public site keeps addresses out of the docs and in ops/sensitive/", () => {
    const set = loadTemplateSet(TEMPLATES);
    const files = set.render(renderContext({ ...inputs("192.168.9.1"), answers: { ...ANSWERS, visibility: "public" } }));
    for (const rel of ["docs/devices.md", "docs/network.md", "docs/index.md", "docs/services.md", "README.md"]) {
      expect(files.get(rel), rel).not.toMatch(/192\.168/);
    }
    expect(files.get("docs/devices.md")).toContain("| cf-gw | gateway | ng |   |  |  |  |  | Site gateway (address in ops/sensitive/hosts.yaml) |");
    expect(files.get("ops/sensitive/hosts.yaml")).toContain("cf-gw: 192.168.9.1\n");
  });

  it("helpers quote for bash, YAML and Markdown cells", () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
    expect(yamlScalar("Cedar Falls")).toBe("Cedar Falls");
    expect(yamlScalar("O'Fallon")).toBe("O'Fallon");
    expect(yamlScalar("a: b")).toBe('"a: b"');
    expect(yamlScalar("yes")).toBe('"yes"');
    expect(yamlScalar("1.0.0")).toBe("1.0.0");
    expect(yamlScalar("12")).toBe('"12"');
    expect(yamlScalar("1e3")).toBe('"1e3"');
    expect(yamlScalar("fd00::1")).toBe('"fd00::1"');
    expect(yamlScalar("#x")).toBe('"#x"');
    expect(markdownCell("a|b\nc")).toBe("a\\|b c");
  });
});
