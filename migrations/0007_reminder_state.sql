-- The weekly reminder gets a delivery state of its own, like the check-in DM: claimed before the
-- Slack call, sent once Slack accepted it (with its ts), failed for a later retry. A claim left by a
-- crash is reconciled against the bot's IM with the lead rather than lost.
ALTER TABLE checkins ADD COLUMN reminder_state TEXT CHECK (reminder_state IN ('claimed', 'sent', 'failed'));
ALTER TABLE checkins ADD COLUMN reminder_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE checkins ADD COLUMN reminder_claimed_at TEXT;
ALTER TABLE checkins ADD COLUMN reminder_ts TEXT;
ALTER TABLE checkins ADD COLUMN reminder_error TEXT;

-- Before this, reminded_at was set when the reminder was claimed, and a claim was never repeated:
-- those reminders count as sent, so none of them is sent again.
UPDATE checkins SET reminder_state = 'sent', reminder_attempts = 1, reminder_claimed_at = reminded_at
  WHERE reminded_at IS NOT NULL;
