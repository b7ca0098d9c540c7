-- Verification is enforced through the posts themselves (issue 9 A2): only a verified employer's
-- posts are public. When an employer leaves verified (a key field edited, so back to pending), its
-- open posts are held: status 'closed' with held = 1, written in the same atomic write as the
-- employer's status (src/employers/employers.repository.ts). Everything that reads open posts (the
-- public list and pages, search, applications, recommendations, rounds, statistics) then leaves them
-- out with no check of its own. Verifying the employer again reopens its held posts; rejecting it
-- ends the hold (the posts stay closed, as a rejection closes open posts).
ALTER TABLE positions ADD COLUMN held INTEGER NOT NULL DEFAULT 0;

-- Posts that are open today although their employer is not verified: hold them now, and have the
-- search outbox re-index them (processed in seq order; created_at in milliseconds like the app's).
INSERT INTO search_outbox (entity, entity_id, created_at)
SELECT 'position', id, CAST(strftime('%s', 'now') AS INTEGER) * 1000 FROM positions
WHERE status = 'open' AND employer_id IN (SELECT id FROM employers WHERE status != 'verified');

UPDATE positions SET held = 1
WHERE status = 'open' AND employer_id IN (SELECT id FROM employers WHERE status = 'pending');

UPDATE positions SET status = 'closed'
WHERE status = 'open' AND employer_id IN (SELECT id FROM employers WHERE status != 'verified');
