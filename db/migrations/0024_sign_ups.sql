-- Sign-up confirmed by mail (issue #11 §1): registration never says whether an address has an
-- account. A new address gets a link; the account exists only once the link is used (24 hours,
-- once). An address that has an account gets a mail saying someone tried to register with it.
-- Only the SHA-256 of the link's token is kept, with the chosen password's hash.
CREATE TABLE sign_ups (
  token_hash BLOB PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE,
  password_hash TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('graduate', 'employer')),
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  claim TEXT
);
CREATE INDEX sign_ups_email ON sign_ups (email);
