import path from "node:path";
import { FatalError } from "../../diagnostics.js";
import { addNode, addNodeProcedure } from "../../scaffold/add-node.js";
import { parseCommand, type Io } from "../io.js";

const HELP = `Usage: netstack add-node <site-dir> --name N --type T [--role R] [--ip IP] [--mac MAC]
                         [--overlay IP] [--host H] [--location L] [--notes S] [--status S]
                         [--dry-run]

Documents a new node: checks it against the site (unique name, IP inside the subnet and free,
valid free MAC, known type, existing host), inserts its row into docs/devices.md (and into
docs/network.md's overlay table with --overlay), then prints the add-node procedure.
Types: compute, storage, gateway, dev, workstation, switch, media, iot, other.
--status sets the row's status (default active; \`netstack drift --propose\` uses unverified);
in a table without a Status column it is kept at the start of the notes.
--dry-run prints the diff and writes nothing.
`;

export async function run(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommand(
    argv,
    {
      name: { type: "string" },
      type: { type: "string" },
      role: { type: "string" },
      ip: { type: "string" },
      mac: { type: "string" },
      overlay: { type: "string" },
      host: { type: "string" },
      location: { type: "string" },
      notes: { type: "string" },
      status: { type: "string" },
      "dry-run": { type: "boolean" },
    },
    "add-node",
    HELP,
    io,
  );
  if (values.help) return 0;
  if (positionals.length !== 1) throw new FatalError(`add-node: give exactly one site directory (got ${positionals.length})`);
  const missing = (["name", "type"] as const).filter((flag) => values[flag] === undefined).map((flag) => `--${flag}`);
  if (missing.length) throw new FatalError(`add-node: missing ${missing.join(" and ")}`);

  const result = addNode(path.resolve(io.cwd, positionals[0]!), {
    name: values.name!,
    type: values.type!,
    role: values.role,
    ip: values.ip,
    mac: values.mac,
    overlay: values.overlay,
    host: values.host,
    location: values.location,
    notes: values.notes,
    status: values.status,
    dryRun: values["dry-run"],
  });
  if (result.dryRun) io.stdout(`${result.diff}\n`);
  else {
    const where = [result.devices, result.overlay].flatMap((e) => (e ? [`${e.rel}:${e.line}`] : [])).join(" and ");
    io.stdout(`Added ${result.node.name} to ${where}.\n\n`);
  }
  io.stdout(addNodeProcedure(result));
  return 0;
}
