-- Stations and childcare sites on a map: WeChat's openLocation needs coordinates, not an address.
-- GCJ-02 (what WeChat's and AMap's maps use and chooseLocation returns). Both or neither: a place
-- with one half of a position would open the map somewhere in the sea.
ALTER TABLE organizations
  ADD COLUMN latitude  double precision,
  ADD COLUMN longitude double precision,
  ADD CONSTRAINT organizations_coordinates_chk CHECK (
    (latitude IS NULL) = (longitude IS NULL)
    AND (latitude IS NULL OR (latitude BETWEEN -90 AND 90 AND longitude BETWEEN -180 AND 180))
  );
