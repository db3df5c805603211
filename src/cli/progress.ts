import type { FetchProgress } from "../federation/load.js";
import type { Io } from "./io.js";

/** A progress line on stderr while repo sites are fetched, drawn only on a TTY and erased after. */
export function fetchProgress(io: Io): { update?: (p: FetchProgress) => void; clear: () => void } {
  if (!io.stderrIsTty) return { clear: () => {} };
  let shown = false;
  return {
    update: ({ code, done, total }) => {
      shown = true;
      io.stderr(`\r\x1b[Knetstack: fetching site repos ${done}/${total} (${code})`);
    },
    clear: () => {
      if (shown) io.stderr("\r\x1b[K");
      shown = false;
    },
  };
}
