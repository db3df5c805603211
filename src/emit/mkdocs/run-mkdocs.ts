import { spawnSync } from "node:child_process";
import path from "node:path";
import { FatalError } from "../../diagnostics.js";

export interface MkdocsResult {
  ok: boolean;
  /** The page a failure is about, relative to docs/, when mkdocs names one. */
  page: string | null;
  /** The first warning or error mkdocs printed (what made `--strict` fail). */
  message: string | null;
  output: string;
}

const PAGE = /(?:Documentation file|Doc file|file) '([^']+)'/;

/** Runs Debian's `mkdocs build --strict` on a built project; mkdocs missing is a fatal error. */
export function runMkdocs(projectDir: string, env: NodeJS.ProcessEnv = process.env): MkdocsResult {
  const result = spawnSync("mkdocs", ["build", "--strict", "-f", path.join(projectDir, "mkdocs.yml")], {
    encoding: "utf8",
    env,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new FatalError("mkdocs is not installed (apt-get install mkdocs mkdocs-material python3-pymdownx)");
    throw new FatalError(`cannot run mkdocs (${code ?? result.error.message})`);
  }
  // mkdocs colors its level names even when not on a TTY.
  const output = `${result.stdout}${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
  if (result.status === 0) return { ok: true, page: null, message: null, output };
  const lines = output.split("\n").map((l) => l.trim()).filter(Boolean);
  const first = lines.find((l) => /^(WARNING|ERROR)\b/.test(l)) ?? lines.find((l) => /error/i.test(l)) ?? lines.at(-1) ?? `exit ${result.status}`;
  const message = first.replace(/^(WARNING|ERROR)\s*-\s*/, "");
  const page = PAGE.exec(output)?.[1] ?? null;
  return { ok: false, page, message, output };
}
