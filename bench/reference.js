// Reference points for the same files, timed in-process (module loading excluded):
//   remark   bare unified + remark-parse + remark-gfm, the parser netstack's table layer must match;
//            skipped above 1 MB, where its quadratic table resolver takes minutes (issue 7 measured
//            172 s for 100 sites × 1,000 device rows, 16 MB);
//   scan     read every file and split it into lines, keeping those that start with a pipe:
//            the practical floor of any table reader.
import { readFileSync } from "node:fs";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";

export const REMARK_LIMIT_BYTES = 1 << 20;
export const REMARK_QUOTED = { input: "100 sites × 1,000 device rows (16 MB)", ms: 172_000 };

const processor = unified().use(remarkParse).use(remarkGfm);

function timed(work) {
  const start = process.hrtime.bigint();
  const value = work();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

/** Milliseconds to parse `files` with remark, or a note saying why it was skipped. */
export function remarkParseTime(files, bytes) {
  if (bytes > REMARK_LIMIT_BYTES) return { ms: null, skipped: `over 1 MB; measured on this machine: ${REMARK_QUOTED.ms / 1000} s for ${REMARK_QUOTED.input}` };
  const texts = files.map((f) => readFileSync(f, "utf8"));
  return { ms: timed(() => texts.map((t) => processor.parse(t))).ms, skipped: null };
}

/** Milliseconds to read `files` and collect their table lines; the count of table lines. */
export function lineScanTime(files) {
  const { ms, value } = timed(() => {
    let rows = 0;
    for (const f of files) for (const line of readFileSync(f, "utf8").split("\n")) if (line.startsWith("|")) rows++;
    return rows;
  });
  return { ms, tableLines: value };
}
