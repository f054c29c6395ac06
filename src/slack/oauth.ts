import type { ServerResponse } from "node:http";
import type { AppOptions, webApi } from "@slack/bolt";
import type { OAuthConfig } from "../config.ts";
import type { AppContext } from "../context.ts";
import type { TokenRotator } from "../delivery/token-rotation.ts";
import { sqliteInstallationStore } from "./installation-store.ts";
import { singleUseStateStore } from "./oauth-state.ts";

/** The bot scopes each workspace grants on install: the same list as manifest.yml (a test keeps them equal). */
export const BOT_SCOPES = [
  "commands",
  "app_mentions:read",
  "chat:write",
  "im:write",
  "im:history",
  "users:read",
  "files:write",
  "channels:read",
  "groups:read",
  "channels:history",
  "groups:history",
] as const;

export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

/**
 * The App options that turn on Bolt's OAuth flow: `GET /slack/install` sends the browser straight
 * to Slack's consent page with a signed, single-use `state` (slack/oauth-state.ts), also set as
 * a cookie so that a state copied into another browser is refused, and `GET /slack/oauth_redirect` exchanges
 * the code and stores the install. Without an `authorize`, Bolt reads each request's bot token
 * from the installation store, which refreshes a rotated token that is about to expire.
 */
export function oauthAppOptions(
  oauth: OAuthConfig,
  ctx: AppContext,
  clientOptions: { slackApiUrl: string; fetch: webApi.FetchFunction },
  port: number,
  rotator: TokenRotator,
): Pick<AppOptions, "clientId" | "clientSecret" | "scopes" | "installationStore" | "installerOptions"> {
  return {
    clientId: oauth.clientId,
    clientSecret: oauth.clientSecret,
    scopes: [...BOT_SCOPES],
    installationStore: sqliteInstallationStore(ctx.stores.installations, ctx.clock, rotator),
    installerOptions: {
      installPath: INSTALL_PATH,
      redirectUriPath: REDIRECT_PATH,
      directInstall: true,
      stateVerification: true,
      stateStore: singleUseStateStore(oauth.stateSecret, ctx.stores.oauthStates),
      clientOptions,
      // Socket Mode has no HTTP server of its own; Bolt opens one on this port for the two paths.
      port,
      callbackOptions: {
        afterInstallation: async (installation, _options, _req, res) => {
          if (!installation.isEnterpriseInstall) return true;
          ctx.logger.warn(
            `Refused an org-wide install for Enterprise Grid org ${installation.enterprise?.id ?? "unknown"}`,
          );
          page(
            res,
            400,
            "rolecall cannot be installed org-wide",
            "rolecall keeps each workspace's roles, check-ins and digests apart, so it is installed per " +
              "workspace. Ask an org admin to add it to each workspace that wants it instead.",
          );
          return false;
        },
        failure: (error, _options, _req, res) => {
          ctx.logger.warn(`An install failed: ${error.code} ${error.message}`);
          page(
            res,
            400,
            "rolecall was not installed",
            `Slack did not complete the install (${error.code}): the link may have expired, been used ` +
              "already or been opened in another browser. Start again from the install page.",
          );
        },
      },
    },
  };
}

function page(res: ServerResponse, status: number, title: string, text: string): void {
  // Every string here is rolecall's own or Bolt's error code, never from the request, so none is escaped.
  res.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  res.end(
    `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head>` +
      `<body><h1>${title}</h1><p>${text}</p><p><a href="${INSTALL_PATH}">Install rolecall</a></p></body></html>`,
  );
}
