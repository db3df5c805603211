/**
 * Managed blocks: the parts of an operator's Markdown page that netstack still owns.
 *
 *     <!-- netstack:begin devices-intro -->
 *     …replaced by `netstack upgrade`…
 *     <!-- netstack:end devices-intro -->
 *
 * Each marker sits on a line of its own; everything outside the markers is the operator's.
 */
const BEGIN = /^[ \t]*<!--[ \t]*netstack:begin[ \t]+([\w.-]+)[ \t]*-->[ \t]*$/;
const END = /^[ \t]*<!--[ \t]*netstack:end[ \t]+([\w.-]+)[ \t]*-->[ \t]*$/;

export interface ManagedBlock {
  id: string;
  /** Offsets of the text between the markers: from after the begin line to the end line's start. */
  start: number;
  end: number;
}

/** The well-formed blocks of a text, in order; an unmatched or nested marker is ignored. */
export function findBlocks(text: string): ManagedBlock[] {
  const blocks: ManagedBlock[] = [];
  let open: { id: string; start: number } | null = null;
  let offset = 0;
  for (const line of text.split(/(?<=\n)/)) {
    const content = line.replace(/\r?\n$/, "");
    const begin = BEGIN.exec(content);
    const end = END.exec(content);
    if (begin) open = { id: begin[1]!, start: offset + line.length };
    else if (end && open && end[1] === open.id) {
      blocks.push({ id: open.id, start: open.start, end: offset });
      open = null;
    }
    offset += line.length;
  }
  return blocks;
}

export interface BlockUpdate {
  text: string;
  /** Ids whose content changed. */
  updated: string[];
  /** Ids the source has but the target lost (left out: the operator removed them). */
  missing: string[];
}

/**
 * Replaces the content of each managed block of `target` with the same block of `source`,
 * in the target's line endings. Nothing outside the blocks changes.
 */
export function refreshBlocks(target: string, source: string): BlockUpdate {
  const eol = target.includes("\r\n") ? "\r\n" : "\n";
  const fresh = new Map(findBlocks(source).map((b) => [b.id, source.slice(b.start, b.end).replace(/\r?\n/g, eol)]));
  const present = findBlocks(target);
  const updated: string[] = [];
  let text = "";
  let cursor = 0;
  for (const block of present) {
    const content = fresh.get(block.id);
    if (content === undefined) continue;
    text += target.slice(cursor, block.start) + content;
    cursor = block.end;
    if (content !== target.slice(block.start, block.end)) updated.push(block.id);
  }
  text += target.slice(cursor);
  const ids = new Set(present.map((b) => b.id));
  return { text, updated, missing: [...fresh.keys()].filter((id) => !ids.has(id)) };
}
