import { ROLE_IDS, roleLabel } from "../domain/roles.ts";
import type { StoredArea } from "../store/areas.ts";
import { type Block, context, escapeMrkdwn, header, MAX_SECTION_TEXT, type Reply, section } from "./reply.ts";

export const AREAS_PER_PAGE = 40;

/** The catalog grouped by deciding role, one page at a time so a message stays far below 50 blocks. */
export function areasReply(areas: StoredArea[], page: number, deciderOf: (a: StoredArea) => string): Reply {
  const sorted = ROLE_IDS.flatMap((role) => areas.filter((a) => deciderOf(a) === role));
  const pages = Math.max(1, Math.ceil(sorted.length / AREAS_PER_PAGE));
  if (page > pages) {
    return {
      text: `There are only ${pages} pages.`,
      blocks: [
        section(
          `There ${pages === 1 ? "is only 1 page" : `are only ${pages} pages`} of areas: try \`/role areas ${pages}\`.`,
        ),
      ],
    };
  }
  const slice = sorted.slice((page - 1) * AREAS_PER_PAGE, page * AREAS_PER_PAGE);
  const blocks: Block[] = [header(`Decision areas (${areas.length})`)];
  for (const role of ROLE_IDS) {
    const group = slice.filter((a) => deciderOf(a) === role);
    if (!group.length) continue;
    const lines = group.map(
      (a) =>
        `• *${escapeMrkdwn(a.title)}*${a.isCustom ? " _(custom)_" : ""} — ${escapeMrkdwn(a.description)}`,
    );
    for (const chunk of chunkLines(lines, MAX_SECTION_TEXT - 100)) {
      blocks.push(section(`*${roleLabel(role)} decides*\n${chunk}`));
    }
  }
  blocks.push(
    context(
      `Page ${page} of ${pages}${page < pages ? ` · next: \`/role areas ${page + 1}\`` : ""} · admins change a decider for this channel with \`/role decide "<area>" <role|@user>\``,
    ),
  );
  return { text: `Decision areas, page ${page} of ${pages}`, blocks };
}

function chunkLines(lines: string[], max: number): string[] {
  const chunks: string[] = [];
  let current = "";
  for (const line of lines) {
    if (current && current.length + line.length + 1 > max) {
      chunks.push(current);
      current = "";
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}
