import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { jsonSchemas } from "../../emit/exports/json-schemas.js";
import { writeFileAtomic } from "../../fs.js";
import { parseCommand, type Io } from "../io.js";

const HELP = `Usage: netstack schema [--out DIR] [--check]

Writes the JSON Schemas generated from netstack's zod schemas into DIR (default: schemas/):
  federation.schema.json   federation.yaml
  site.schema.json         site.yaml
  site-config.schema.json  site-config.yml (the federation pattern's site config)
  inventory.schema.json    the output of \`netstack inventory --format json\`

Point an editor at them with a first line such as
  # yaml-language-server: $schema=./schemas/federation.schema.json

Options:
      --out DIR   where to write (default: schemas)
      --check     write nothing; exit 1 if a file in DIR is missing or differs (for CI)
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    { out: { type: "string" }, check: { type: "boolean" } },
    "schema",
    HELP,
    io,
  );
  if (values.help) return 0;
  if (positionals.length > 0) {
    io.stderr(`netstack schema: unexpected argument "${positionals[0]}" (use --out DIR)\n`);
    return 2;
  }
  const dir = path.resolve(io.cwd, values.out ?? "schemas");
  const schemas = jsonSchemas();
  if (values.check) {
    const stale = Object.keys(schemas).filter((name) => {
      const file = path.join(dir, name);
      return !existsSync(file) || readFileSync(file, "utf8") !== schemas[name];
    });
    for (const name of stale) io.stderr(`${path.relative(io.cwd, path.join(dir, name))}: out of date; run netstack schema\n`);
    return stale.length ? 1 : 0;
  }
  for (const [name, text] of Object.entries(schemas)) writeFileAtomic(path.join(dir, name), text);
  return 0;
}
