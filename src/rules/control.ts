import type { Comment } from "../markdown/types.js";

/** `<!-- netstack-disable a/b c/d -->`: a directive and the rules it names (none means all). */
interface Directive {
  kind: "disable" | "enable" | "disable-next-line";
  rules: string[];
  line: number;
}

const DIRECTIVE = /^netstack-(disable-next-line|disable|enable)\b(.*)$/s;

function parseDirectives(comments: Comment[]): Directive[] {
  const out: Directive[] = [];
  for (const comment of comments) {
    const m = DIRECTIVE.exec(comment.text.trim());
    if (!m) continue;
    const rules = m[2]!.split(/[\s,]+/).filter(Boolean);
    out.push({ kind: m[1] as Directive["kind"], rules, line: comment.span.end.line });
  }
  return out.sort((a, b) => a.line - b.line);
}

/**
 * Inline control as in markdownlint: a disable holds from its line until a matching enable;
 * disable-next-line covers only the line after the comment.
 */
export function disabledChecker(comments: Comment[]): (ruleId: string, line: number) => boolean {
  const directives = parseDirectives(comments);
  if (directives.length === 0) return () => false;
  return (ruleId, line) => {
    let disabled = false;
    for (const d of directives) {
      if (d.kind === "disable-next-line") {
        if (d.line + 1 === line && (d.rules.length === 0 || d.rules.includes(ruleId))) return true;
        continue;
      }
      if (d.line > line) break;
      if (d.rules.length > 0 && !d.rules.includes(ruleId)) continue;
      disabled = d.kind === "disable";
    }
    return disabled;
  };
}
