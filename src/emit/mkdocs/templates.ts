import { readFileSync } from "node:fs";
import path from "node:path";
import Handlebars from "handlebars";
import { PACKAGE_ROOT } from "../../package-root.js";
import { escapeInline, link } from "./escape.js";

/** `templates/mkdocs/` of the package, from src/ (tests) and dist/ alike. */
export const TEMPLATE_DIR = path.join(PACKAGE_ROOT, "templates/mkdocs/");

const hb = Handlebars.create();
/** `{{md value}}`: inline text escaped for Markdown and HTML. */
hb.registerHelper("md", (value: unknown) => new hb.SafeString(escapeInline(value as string | number | null)));
/** `{{link label "path.md"}}`: a link netstack makes, its label escaped. */
hb.registerHelper("link", (label: string, target: string) => new hb.SafeString(link(label, target)));
/** `{{json value}}`: a double-quoted string, valid in YAML and JavaScript. */
hb.registerHelper("json", (value: unknown) => new hb.SafeString(JSON.stringify(String(value))));

const compiled = new Map<string, Handlebars.TemplateDelegate>();

/** Renders `templates/mkdocs/<name>` in strict mode: a missing field is an error, not a blank. */
export function render(name: string, data: object): string {
  let template = compiled.get(name);
  if (!template) {
    template = hb.compile(readFileSync(`${TEMPLATE_DIR}${name}`, "utf8"), { strict: true });
    compiled.set(name, template);
  }
  return template(data).replace(/\n{3,}/g, "\n\n");
}
