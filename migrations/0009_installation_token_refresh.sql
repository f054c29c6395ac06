-- Token rotation: Slack revokes a refresh token once it is exchanged, so two processes must not
-- both exchange the same one. A process sets this lease before calling oauth.v2.access and clears
-- it when it stores the new pair (or gives up); another process that finds it set waits for that
-- result instead of exchanging the refresh token a second time. A crashed refresher's lease lapses.
ALTER TABLE installations ADD COLUMN bot_token_refreshing_until INTEGER; -- unix seconds
