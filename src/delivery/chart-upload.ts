import type { webApi } from "@slack/bolt";

export type PngUpload = {
  channelId: string;
  png: Uint8Array;
  filename: string;
  title: string;
  /** For screen readers; Slack refuses more than 1000 characters (`alt_txt_too_large`). */
  altText: string;
};

const UPLOAD_TIMEOUT_MS = 30_000;

/**
 * Shares a PNG in a channel through Slack's external upload (get an upload URL, send the bytes,
 * complete the upload), as `filesUploadV2` does, except that the alt text goes to
 * `files.getUploadURLExternal` as `alt_txt`, the argument Slack documents; `filesUploadV2` sends
 * it as `alt_text`.
 */
export async function uploadPng(client: webApi.WebClient, upload: PngUpload): Promise<void> {
  // Through apiCall: the SDK's typed method knows the argument only as `alt_text`.
  const { upload_url: url, file_id: id } = (await client.apiCall("files.getUploadURLExternal", {
    filename: upload.filename,
    length: upload.png.byteLength,
    alt_txt: upload.altText,
  })) as { upload_url?: unknown; file_id?: unknown };
  if (typeof url !== "string" || typeof id !== "string") {
    throw new Error("files.getUploadURLExternal returned no upload_url or file_id");
  }
  const sent = await fetch(url, {
    method: "POST",
    body: upload.png,
    signal: AbortSignal.timeout(UPLOAD_TIMEOUT_MS),
  });
  if (!sent.ok) throw new Error(`the chart's bytes were refused by the upload URL (HTTP ${sent.status})`);
  await client.files.completeUploadExternal({
    files: [{ id, title: upload.title }],
    channel_id: upload.channelId,
  });
}
