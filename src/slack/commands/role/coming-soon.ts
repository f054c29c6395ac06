import { infoReply } from "../../blocks/reply.ts";

export const comingSoon = (what: string) => () =>
  infoReply(`:construction: \`/role ${what}\` is coming soon. \`/role help\` lists what works today.`);
