-- The admin console (issue #11 §3): an account can be disabled (sign-in refused, sessions invalid)
-- and its last sign-in is kept for the users page; the audit log is read by time and by action.
ALTER TABLE users ADD COLUMN disabled_at INTEGER;
ALTER TABLE users ADD COLUMN last_sign_in_at INTEGER;
CREATE INDEX audit_log_created ON audit_log(created_at);
CREATE INDEX audit_log_action_created ON audit_log(action, created_at);
CREATE INDEX audit_log_actor_created ON audit_log(actor_user_id, created_at);
