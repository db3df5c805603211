import { pathToFileURL } from "node:url";
import { displayPath } from "./paths.js";
import type { Formatter } from "./types.js";

/** SARIF 2.1.0: one run, rules listed once, locations relative to %SRCROOT% (the cwd). */
export const sarif: Formatter = (diagnostics, { cwd, rules, version }) => {
  const ruleIds = [...new Set(diagnostics.map((d) => d.ruleId))].sort();
  const index = new Map(ruleIds.map((id, i) => [id, i]));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "netstack",
            version,
            informationUri: "https://github.com/netstack/netstack",
            rules: ruleIds.map((id) => ({ id, shortDescription: { text: rules.get(id) ?? id } })),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: `${pathToFileURL(cwd).href.replace(/\/?$/, "/")}` } },
        results: diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ruleIndex: index.get(d.ruleId)!,
          level: d.severity === "error" ? "error" : "warning",
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(displayPath(d.file, cwd)), uriBaseId: "%SRCROOT%" },
                region: {
                  startLine: d.line,
                  startColumn: d.column,
                  ...(d.endLine !== undefined ? { endLine: d.endLine } : {}),
                  ...(d.endColumn !== undefined ? { endColumn: d.endColumn } : {}),
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
