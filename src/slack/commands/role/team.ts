import { ROLE_IDS, roleLabel } from "../../../domain/roles.ts";
import { workspaceToday } from "../../../services/today.ts";
import { context, header, mentionUser, type Reply, section } from "../../blocks/reply.ts";
import type { SubcommandHandler } from "./types.ts";

export const team: SubcommandHandler<"team"> = (_command, req): Reply => {
  const { ctx, teamId, channelId } = req;
  const hats = ctx.stores.hats.inChannel(teamId, channelId, workspaceToday(ctx, teamId));
  if (!hats.length) {
    return {
      text: "No one wears a hat on this channel's team yet.",
      blocks: [
        section("No one wears a hat on this channel's team yet."),
        context(
          "An admin can add one: `/role assign @user tech-lead` (or engineering-manager, architect, product-manager).",
        ),
      ],
    };
  }
  const lines = ROLE_IDS.map((role) => {
    const who = hats.filter((h) => h.role === role).map((h) => mentionUser(h.userId));
    return `*${roleLabel(role)}:* ${who.length ? who.join(", ") : "_nobody_"}`;
  });
  return {
    text: `Role map: ${hats.length} hats on this team`,
    blocks: [
      header(`Role map${req.channelName ? ` for #${req.channelName}` : ""}`),
      section(lines.join("\n")),
    ],
  };
};
