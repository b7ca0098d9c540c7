-- Why an import failed or stopped, as a code and its parameters (src/lib/field-codes.ts), so the
-- imports page words it in the reader's language; `failure` keeps the English sentence for the API.
ALTER TABLE imports ADD COLUMN failure_code TEXT;
ALTER TABLE imports ADD COLUMN failure_params TEXT;
