-- A check-in DM whose delivery is in doubt (a crash, a lost reply, a failed look at the bot's IM)
-- must be looked for from the first moment it may have been posted, however many claims later.
-- claimed_at is restamped by every claim, so the earliest moment in doubt is kept on its own.
ALTER TABLE checkins ADD COLUMN doubt_since TEXT;
