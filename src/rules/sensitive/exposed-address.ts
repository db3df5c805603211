import type { Diagnostic } from "../../diagnostics.js";
import { disabledChecker } from "../control.js";
import type { Rule } from "../types.js";
import { findAddresses, type AddressKind } from "./addresses.js";
import { offsetReporter } from "./at-offset.js";

const MOVE = "document the pattern, not the instance (ops/sensitive/)";

function plural(count: number, kind: AddressKind): string {
  return `${count} ${kind}${count === 1 ? "" : kind.endsWith("s") ? "es" : "s"}`;
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
  check({ site, profile }) {
    return site.files.flatMap((file): Diagnostic[] => {
      const found = findAddresses(file.text);
      if (found.length === 0) return [];
      if (profile === "public") {
        const at = offsetReporter(this, file, "error");
        return found.map((a) => at(a.start, a.end, `${a.kind[0]!.toUpperCase()}${a.kind.slice(1)} in a public site: ${MOVE}`));
      }
      // Count only what inline comments leave enabled, so a disabled table does not keep the warning alive.
      const at = offsetReporter(this, file);
      const disabled = disabledChecker(file.doc.comments);
      const shown = found.map((a) => ({ a, d: at(a.start, a.end, "") })).filter(({ d }) => !disabled(this.id, d.line));
      if (shown.length === 0) return [];
      const counts = new Map<AddressKind, number>();
      for (const { a } of shown) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
      const summary = [...counts].map(([kind, n]) => plural(n, kind)).join(", ");
      const first = shown[0]!.d;
      return [{ ...first, message: `${summary} in this file: fine while the site is private, errors if it is made public; ${MOVE}` }];
    });
  },
};
