-- The language a staff member reads Braid in (en, es), kept from their last sign-in, so that what
-- others send them (listing reminders) is worded in it. Null until they sign in: the sender's language.
ALTER TABLE users ADD COLUMN language TEXT;
