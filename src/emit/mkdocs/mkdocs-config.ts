import { execFile, spawnSync } from "node:child_process";
import { stringify as stringifyYaml } from "yaml";
import { themeText } from "./escape.js";
import type { Theme } from "./prepare.js";
import { render } from "./templates.js";

export type NavItem = { [title: string]: string | NavItem[] };

/**
 * The theme `mkdocs` itself can load: `material` when mkdocs-material is installed (Debian puts it
 * in /usr/share/mkdocs/themes, so ask mkdocs rather than import the Python package), else `mkdocs`.
 */
export async function detectTheme(): Promise<Theme> {
  for (const python of pythonsOfMkdocs()) {
    // Asynchronous: a build reads its sources while Python imports mkdocs (a few hundred ms).
    const stdout = await new Promise<string | null>((resolve) => {
      execFile(python, ["-c", THEME_PROBE], { encoding: "utf8", timeout: 20_000 }, (error, out) => resolve(error ? null : out));
    });
    if (stdout !== null) return stdout.trim() === "True" ? "material" : "mkdocs";
  }
  return "mkdocs";
}

const THEME_PROBE = "from mkdocs.utils import get_theme_names; print('material' in get_theme_names())";

/** The interpreter named in the `mkdocs` script's shebang first: `python3` on PATH may be another one. */
function pythonsOfMkdocs(): string[] {
  const which = spawnSync("sh", ["-c", 'head -1 "$(command -v mkdocs)" 2>/dev/null'], { encoding: "utf8" });
  const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(which.stdout ?? "");
  const fromShebang = shebang ? (shebang[1]!.endsWith("/env") ? shebang[2] : shebang[1]) : undefined;
  return [...new Set([fromShebang, "python3"].filter((p): p is string => Boolean(p)))];
}

/** Nav titles as text for the theme (see `themeText`); page paths are netstack's own. */
function textNav(nav: NavItem[]): NavItem[] {
  return nav.map((item) => Object.fromEntries(Object.entries(item).map(([title, value]) => [themeText(title), typeof value === "string" ? value : textNav(value)])));
}

/** mkdocs.yml: the site name and nav titles (site and federation names) escaped as text for the theme, then quoted for YAML. */
export function mkdocsYml(siteName: string, theme: Theme, nav: NavItem[], mermaid: boolean): string {
  siteName = themeText(siteName);
  const navYaml = stringifyYaml(textNav(nav), { lineWidth: 0 }).replace(/\n$/, "").split("\n").map((l) => `  ${l}`).join("\n");
  return render("mkdocs.yml.hbs", { siteName, theme, material: theme === "material", mermaid, nav: navYaml });
}
