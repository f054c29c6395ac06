import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { InstallURLOptions, StateStore } from "@slack/bolt";
import type { OAuthStateStore } from "../store/oauth-states.ts";

/** How long an install link stays valid: long enough to read Slack's consent page. */
export const STATE_LIFETIME_MS = 10 * 60_000;

/**
 * The OAuth `state`: the install options and an expiry, signed with SLACK_STATE_SECRET, and
 * accepted once. Bolt also sets it as a cookie and refuses a redirect whose cookie differs, so a
 * state must come from this browser, carry rolecall's signature, be fresh and be unused.
 */
export function singleUseStateStore(secret: string, used: OAuthStateStore): StateStore {
  const sign = (payload: string) => createHmac("sha256", secret).update(payload).digest("base64url");
  return {
    async generateStateParam(installOptions: InstallURLOptions, now: Date): Promise<string> {
      const payload = Buffer.from(
        JSON.stringify({
          o: installOptions,
          exp: now.getTime() + STATE_LIFETIME_MS,
          n: randomBytes(16).toString("base64url"),
        }),
      ).toString("base64url");
      return `${payload}.${sign(payload)}`;
    },
    async verifyStateParam(now: Date, state: string): Promise<InstallURLOptions> {
      const [payload = "", signature = ""] = state.split(".");
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(signature);
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw stateError("The state parameter is not one rolecall signed");
      }
      const { o, exp } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as {
        o: InstallURLOptions;
        exp: number;
      };
      if (now.getTime() > exp) throw stateError("The install link has expired");
      const hash = createHash("sha256").update(state).digest("hex");
      if (!used.markUsed(hash, now, new Date(now.getTime() - STATE_LIFETIME_MS))) {
        throw stateError("The state parameter has already been used");
      }
      return o;
    },
  };
}

function stateError(message: string): Error {
  // Bolt's own code for a bad state, so its failure handling treats this one the same way.
  return Object.assign(new Error(message), { code: "slack_oauth_invalid_state" });
}
