import { helpReply } from "../../../messages/help.ts";
import type { SubcommandHandler } from "./types.ts";

export const help: SubcommandHandler<"help"> = (command) => helpReply(command.unknown);
