/**
 * The identifiers the check-in DM, its modal and their listeners share. A button's value is the ISO
 * week it answers; the clicking user and workspace come from Slack's signed payload, never the value,
 * so a forwarded or forged message cannot answer for someone else.
 */
export const CHECKIN_ACTIONS = {
  asPlanned: "checkin_as_planned",
  enterSplit: "checkin_enter_split",
  skip: "checkin_skip",
  edit: "checkin_edit",
} as const;

/** The "Enter my split" modal; its private_metadata is `CheckinModalMetadata` as JSON. */
export const CHECKIN_SPLIT_VIEW = "checkin_split_modal";

export type CheckinModalMetadata = { week: string; channel: string; ts: string };

/** block_id of a hat's number input in the modal (the role id, or `other`), and of the note. */
export const splitInputBlockId = (hat: string) => `split_${hat}`;
export const NOTE_BLOCK_ID = "note";
