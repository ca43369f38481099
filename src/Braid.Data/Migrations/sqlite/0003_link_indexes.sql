-- Attributes and metadata point at any table through link_id / resource_id; the HSDS API follows
-- them for every record it nests, so they need the same indexes as the foreign keys have.
CREATE INDEX ix_attributes_link_id ON attributes (community_id, link_id);
CREATE INDEX ix_metadata_resource_id ON metadata (community_id, resource_id);
