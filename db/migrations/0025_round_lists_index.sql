-- A round's lists in rank order, read by every run (src/rounds/rounds.run.repository.ts
-- loadRunLists): with the post in the index, the run reads the lists from the index alone, in
-- (talent, rank) order, instead of looking up each of 400,000 choices' rank in the table.
CREATE INDEX round_choices_lists ON round_choices (round_id, talent_id, rank, position_id);
