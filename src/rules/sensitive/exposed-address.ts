import type { Diagnostic } from "../../diagnostics.js";
import { disabledChecker } from "../control.js";
import type { Rule } from "../types.js";
import type { SourceFile } from "../../inventory/site.js";
import { LineIndex } from "../../markdown/index.js";
import { findAddresses, type AddressKind, type AddressMatch } from "./addresses.js";
import { offsetReporter } from "./at-offset.js";
import { reportedFiles } from "../report.js";

const MOVE = "document the pattern, not the instance (ops/sensitive/)";

function plural(count: number, kind: AddressKind): string {
  return `${count} ${kind}${count === 1 ? "" : kind.endsWith("s") ? "es" : "s"}`;
}

/** The addresses on lines that inline comments leave enabled for `ruleId`. */
function enabled(found: AddressMatch[], file: SourceFile, ruleId: string): AddressMatch[] {
  const disabled = disabledChecker(file.doc.comments);
  const lines = new LineIndex(file.text);
  return found.filter((a) => !disabled(ruleId, lines.point(a.start).line));
}

/**
 * An IP, MAC, overlay network id or e-mail address in a site's docs. In a public site every one
 * is an error at its place. A private site's device tables hold addresses by design, so there
 * it is one warning per file, at the first address, with the count — visible in a commit hook
 * without burying the real problems, and a preview of what making the site public would fail on.
 * The address itself is never printed: CI logs of a public repo are public too.
 */
export const exposedAddress: Rule = {
  id: "sensitive/exposed-address",
  severity: "warn",
  summary: "An IP, MAC, overlay network id or e-mail address sits in a published file",
  scope: "site",
  check(ctx) {
    return reportedFiles(ctx).flatMap((file): Diagnostic[] => {
      const found = findAddresses(file.text);
      if (found.length === 0) return [];
      if (ctx.profile === "public") {
        const at = offsetReporter(this, file, "error");
        return found.map((a) => at(a.start, a.end, `${a.kind[0]!.toUpperCase()}${a.kind.slice(1)} in a public site: ${MOVE}`));
      }
      // Count only what inline comments leave enabled, so a disabled table does not keep the warning alive.
      const at = offsetReporter(this, file);
      // Without inline comments nothing is disabled: skip placing every address (thousands per device table).
      const shown = file.doc.comments.length === 0 ? found : enabled(found, file, this.id);
      if (shown.length === 0) return [];
      const counts = new Map<AddressKind, number>();
      for (const a of shown) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
      const summary = [...counts].map(([kind, n]) => plural(n, kind)).join(", ");
      const first = at(shown[0]!.start, shown[0]!.end, "");
      return [{ ...first, message: `${summary} in this file: fine while the site is private, errors if it is made public; ${MOVE}` }];
    });
  },
};
