import { execFileSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoLocation, syncRepo } from "../../src/federation/repo-cache.js";
import { gitArgs, gitEnv, maskUrlCredentials, refProblem, runGit } from "../../src/git/run.js";
import { cleanTempDirs, tempDir } from "../foundation/helpers.js";
import { commitAll, hostileSite, pwned } from "./helpers.js";

/** The one git runner (row 1, 8, 10 of the hostile suite), piece by piece. */
afterAll(cleanTempDirs);

describe("the git runner", () => {
  it("overrides what a repo's config could run, and allows four transports", () => {
    const args = gitArgs(["status"]);
    for (const setting of ["core.fsmonitor=false", "core.hooksPath=/dev/null", "core.sshCommand=ssh -o BatchMode=yes", "core.askPass=", "protocol.ext.allow=never"]) {
      expect(args[args.indexOf(setting) - 1]).toBe("-c");
    }
    expect(args.at(-1)).toBe("status");
    const env = gitEnv({ PATH: "/usr/bin" });
    expect(env).toMatchObject({ GIT_ALLOW_PROTOCOL: "https:ssh:git:file", GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0" });
  });

  it("masks credentials in URLs", () => {
    expect(maskUrlCredentials("fatal: repository 'https://user:ghp_SECRET@example.invalid/x.git/' not found")).toBe("fatal: repository 'https://***@example.invalid/x.git/' not found");
    expect(maskUrlCredentials("cannot reach alice:pw1@host.example:repo.git now")).toBe("cannot reach ***@host.example:repo.git now");
    expect(maskUrlCredentials("git@github.com:org/site.git")).toBe("git@github.com:org/site.git");
  });

  it("checks refs: options and malformed names are refused", () => {
    expect(refProblem("main")).toBeNull();
    expect(refProblem("v1.2.0")).toBeNull();
    expect(refProblem("0123456789abcdef0123456789abcdef01234567")).toBeNull();
    expect(refProblem("--upload-pack=touch pwned")).toBe('ref "--upload-pack=touch pwned" is not a branch, tag or commit name');
    expect(refProblem("a..b")).toBe('ref "a..b" is not a valid git ref name');
    expect(refProblem("")).toBe('ref "" is not a branch, tag or commit name');
  });

  it("reads repo: values as URLs of allowed transports or paths relative to federation.yaml", () => {
    const base = "/srv/federation";
    expect(repoLocation("https://example.invalid/sl.git", base)).toEqual({ ok: true, url: "https://example.invalid/sl.git" });
    expect(repoLocation("git@example.invalid:org/sl.git", base)).toEqual({ ok: true, url: "git@example.invalid:org/sl.git" });
    expect(repoLocation("../sites/sl", base)).toEqual({ ok: true, url: "/srv/sites/sl" });
    expect(repoLocation("sl.git", base)).toEqual({ ok: true, url: "/srv/federation/sl.git" });
    expect(repoLocation("fd::17", base)).toMatchObject({ ok: false });
    expect(repoLocation("ext::sh -c id", base)).toMatchObject({ ok: false });
    expect(repoLocation("http://example.invalid/sl.git", base)).toMatchObject({ ok: false });
    expect(repoLocation("-uhelp", base)).toMatchObject({ ok: false });
    expect(repoLocation("https://example.invalid/x\n.git", base)).toMatchObject({ ok: false });
  });

  it("times out a call that never ends, and ends the whole process group", async () => {
    const dir = tempDir();
    // An ext:: helper would run this; with ext:: refused, a hanging upload-pack over file:// stands in.
    const started = await runGit(["-c", "protocol.file.allow=always", "ls-remote", "--upload-pack=sleep 30; true", "--", dir], { timeoutS: 1 });
    expect(started).toEqual({ ok: false, reason: "git ls-remote gave no result within 1 s; stopped" });
  });

  it("clones one cache directory once when two loads ask at the same time", async () => {
    const origin = hostileSite(null);
    commitAll(origin);
    const cache = tempDir();
    const dir = path.join(cache, "ts-1");
    const [a, b] = await Promise.all([syncRepo(origin, dir, {}), syncRepo(origin, dir, {})]);
    expect(a).toEqual({ ok: true, dir });
    expect(b).toEqual({ ok: true, dir });
    expect(readdirSync(cache).sort()).toEqual(["ts-1"]);
    expect(execFileSync("git", ["rev-parse", "--is-inside-work-tree"], { cwd: dir, encoding: "utf8" }).trim()).toBe("true");
    expect(existsSync(`${dir}.lock`)).toBe(false);
    expect(pwned(cache)).toEqual([]);
  });
});
