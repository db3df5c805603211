import type { Progress } from "../federation/load.js";
import { mask } from "../sensitive/mask.js";
import type { Io } from "./io.js";
import { plainText } from "../text/controls.js";

/** Steps of a local run are drawn only once it has taken this long: a quick run stays quiet. */
const QUIET_FOR_MS = 300;

function describe(p: Progress): string {
  switch (p.step) {
    case "fetch":
      return `fetching site repos ${p.done}/${p.total} (${p.code})`;
    case "load":
      return `loading sites ${p.done}/${p.total} (${p.code})`;
    case "check":
      return `checking ${p.total} site(s)`;
    case "pages":
      return `making the pages of ${p.total} site(s)`;
    case "write":
      return `writing ${p.total} files`;
  }
}

/**
 * One progress line on stderr, redrawn in place and erased at the end; only on a TTY.
 * Fetching repos is drawn at once (it waits on the network); the other steps only after the
 * run has taken a moment.
 */
export function progressLine(io: Io, now: () => number = Date.now): { update?: (p: Progress) => void; clear: () => void } {
  if (!io.stderrIsTty) return { clear: () => {} };
  const start = now();
  let shown = false;
  return {
    update: (p) => {
      if (p.step !== "fetch" && now() - start < QUIET_FOR_MS) return;
      shown = true;
      io.stderr(`\r\x1b[Knetstack: ${mask(plainText(describe(p)))}`);
    },
    clear: () => {
      if (shown) io.stderr("\r\x1b[K");
      shown = false;
    },
  };
}
