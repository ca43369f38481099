-- Search reads up to 500 candidates a query from the Soundex indexes, each a row fetched from
-- wherever it lies in the table (with the person's whole JSON description): the indexes now carry
-- what search lists and scores, so it reads the index alone. SQLite has no INCLUDE; trailing
-- columns do the same.
DROP INDEX ix_people_sound;
DROP INDEX ix_people_given_sound;
CREATE INDEX ix_people_sound ON people (community_id, family_sound, given_sound, merged_into, id, registered_by, given_name, family_name, preferred_name, birth_date, phone_digits);
CREATE INDEX ix_people_given_sound ON people (community_id, given_sound, family_sound, merged_into, id, registered_by, given_name, family_name, preferred_name, birth_date, phone_digits);
