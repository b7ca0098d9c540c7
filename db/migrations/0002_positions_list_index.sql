-- The public position list filters open posts by region range, closing date, kind and employer
-- type, newest first. With all of them in one index the count and the page are answered from the
-- index alone (see test/bench/README.md for the numbers before and after).
CREATE INDEX positions_open_list ON positions(status, region_code, closes_on, kind, employer_type, published_at);
DROP INDEX positions_public;
