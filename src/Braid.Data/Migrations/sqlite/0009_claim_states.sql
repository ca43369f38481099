-- Listing claims are an aggregate with the states requested → approved | rejected, approved → revoked
-- (Braid.Core ListingClaim); the states stored before it was one are renamed to match.
UPDATE listing_claims SET status = 'requested' WHERE status = 'pending';
UPDATE listing_claims SET status = 'rejected' WHERE status = 'refused';
