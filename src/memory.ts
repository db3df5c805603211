import { runInNewContext } from "node:vm";
import v8 from "node:v8";

let collect: (() => void) | null | undefined;

/**
 * One full garbage collection, when a large structure has just died. V8 sets its next heap limit
 * from what was alive at its last collection: after a large federation's parsed sites are dropped
 * (~330 MB at 100 × 1,000 rows), the pages would otherwise be made in a heap sized for them, and
 * the build's peak RSS grows by that much. `gc` is not exposed without `--expose-gc`; a new V8
 * context made after setting the flag has it. Where that fails, nothing happens.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString("--expose-gc");
      collect = runInNewContext("gc") as () => void;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
