import { writeFileAtomic } from "../../fs.js";
import { inventoryJson, inventoryYaml, toInventory } from "../../emit/inventory.js";
import { loadSite } from "../../inventory/site.js";
import { oneOf, parseFlags, type Io } from "../io.js";

const HELP = `Usage: netstack inventory [site-dir] [--format json|yaml] [-o FILE]

Prints the typed inventory (SPEC §5): sorted, byte-identical for identical input.
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseFlags(
    argv,
    { format: { type: "string", short: "f" }, output: { type: "string", short: "o" }, help: { type: "boolean", short: "h" } },
    "inventory",
  );
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const format = oneOf(values.format, ["json", "yaml"] as const, "--format", "json");
  const site = loadSite(positionals[0] ?? io.cwd);
  const inventory = toInventory([site], { name: site.config.code, generatedFrom: "site.yaml" });
  const text = format === "json" ? inventoryJson(inventory) : inventoryYaml(inventory);
  if (values.output) writeFileAtomic(values.output, text);
  else io.stdout(text);
  return 0;
}
